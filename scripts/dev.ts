// npm run dev — the development loop: `next dev` (hot reload) on PORT against the embedded
// database in CARDSTOCK_DATA_DIR (or DATABASE_URL), migrated and seeded like the demo, with local
// keys generated when none are configured (scripts/lib/run-next.ts).
import { runNext } from './lib/run-next';

await runNext('dev', { demo: true });
