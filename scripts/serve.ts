// npm start / npm run demo — serve the built app with the production server (scripts/next-server.mjs) on PORT (scripts/lib/run-next.ts).
// --demo: also migrate, seed the demo data, and generate local keys when none are configured.
import { runNext } from './lib/run-next';

await runNext('start', { demo: process.argv.includes('--demo') });
