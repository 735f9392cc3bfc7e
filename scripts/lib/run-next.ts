// The one way the app is started from this repository: `npm start` / `npm run demo` (the
// production server scripts/next-server.mjs: Next.js with the Wallet API's Node.js path;
// scripts/serve.ts) and `npm run dev` (next dev, scripts/dev.ts).
//
// Without DATABASE_URL this process opens the embedded database under CARDSTOCK_DATA_DIR and
// serves it to the Next.js server over the PostgreSQL protocol on a private Unix socket in the
// data directory, never on a TCP port (see lib/db/embedded.ts). PGlite runs here, not inside
// Next, so its work never blocks page rendering.
//
// demo: also migrate, seed the demo data, and generate local keys when none are configured.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { migrate } from '@/lib/db/migrate';
import { createDbClient } from '@/lib/db/client';
import { openConfiguredDatabase } from '@/lib/db/open';
import { dataDir, getEnv } from '@/lib/env';
import { SERVER_NODE_FLAGS } from '@/lib/runtime/server-node-flags';
import { seedDemo } from '@/prisma/seed-demo';
import { loadOrCreateLocalSecrets } from './local-secrets';

export async function runNext(mode: 'start' | 'dev', options: { demo: boolean }): Promise<void> {
  const env = getEnv();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (options.demo && (!env.AUTH_SECRET || !(env.CARDSTOCK_SECRETS_KEY || env.CARDSTOCK_SECRETS_KEY_FILE))) {
    const local = loadOrCreateLocalSecrets(dataDir(env));
    childEnv.AUTH_SECRET = env.AUTH_SECRET ?? local.AUTH_SECRET;
    if (!env.CARDSTOCK_SECRETS_KEY && !env.CARDSTOCK_SECRETS_KEY_FILE) childEnv.CARDSTOCK_SECRETS_KEY = local.CARDSTOCK_SECRETS_KEY;
  }
  if (!childEnv.CARDSTOCK_SECRETS_KEY && !childEnv.CARDSTOCK_SECRETS_KEY_FILE) {
    console.error(
      'CARDSTOCK_SECRETS_KEY (or CARDSTOCK_SECRETS_KEY_FILE) is not set: card secrets need it. Generate one with `openssl rand -base64 32` (see README, Configuration).',
    );
    process.exit(1);
  }
  if (!childEnv.AUTH_SECRET) {
    console.error('AUTH_SECRET is not set. Generate one with `openssl rand -base64 33` and set it (see README, Configuration).');
    process.exit(1);
  }

  const database = await openConfiguredDatabase();
  if (options.demo) {
    const result = await migrate(database.url, { log: (line) => console.log(line) });
    console.log(`Migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place.`);
    const db = createDbClient(database.url, { max: 2 });
    await seedDemo(db);
    await db.$disconnect();
    console.log('Demo data ready: sign in as admin@demo.test / cardstock-demo.');
  }
  childEnv.DATABASE_URL = database.url;
  // PGlite is a single session whose socket server can interleave concurrent connections' messages.
  // Its one session is shared by every client that joins it (the app, a worker, a migration), so
  // named prepared statements of one would collide with another's: "already exists".
  if (database.kind === 'embedded') {
    childEnv.DATABASE_POOL_MAX = '1';
    childEnv.DATABASE_PREPARED_STATEMENTS = 'false';
  }

  const server =
    mode === 'start' ? [fileURLToPath(new URL('../next-server.mjs', import.meta.url))] : [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'dev'];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...server, '-p', String(env.PORT)], { stdio: 'inherit', env: childEnv });
  console.log(`Cardstock on http://localhost:${env.PORT} (${mode === 'start' ? 'production server' : 'next dev'}, database: ${database.kind}).`);

  let stopping = false;
  async function stop(code: number) {
    if (stopping) return;
    stopping = true;
    await database.close();
    process.exit(code);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on('exit', (code) => void stop(code ?? 0));
}
