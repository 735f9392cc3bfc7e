/**
 * Data safety: `npm run db:backup` / `npm run db:restore` round trips, for both databases, run as
 * an operator runs them (the scripts as child processes, configured only by the environment).
 *
 * PostgreSQL: cards, ledger rows and a print run's vault are made through the running app; a
 * backup is taken while it runs; more is changed (new cards, drawdowns, an edited account);
 * the app is stopped and the backup restored. The database must then equal the backup point —
 * the row count of every table and a checksum of every row of the ledger, the cards, the vault
 * and the audit log — with the ledger invariant and the migration history intact. The same
 * backup restored onto a new, empty database must equal it too.
 *
 * Embedded (PGlite): the same round trip in a scratch CARDSTOCK_DATA_DIR, with the data made by
 * the domain functions in this process; and the backup is refused while the database is open.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { ApiClientActor } from '@/lib/auth/actor';
import { activateCard } from '@/lib/cards/activate-card';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { activateCardSchema, createBatchSchema } from '@/lib/cards/schemas';
import { createDbClient, setDb } from '@/lib/db/client';
import { openEmbedded } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import { seedDemo } from '@/prisma/seed-demo';
import { checkLedger, describeLedger, ledgerHolds, pool } from './db';
import { activeCard, drawdown, issueCards, orderPrintRun, uniqueId, waitForBatch } from './fixtures';
import { Client, DEMO_ACCOUNT } from './http';
import type { Probe, ReliabilityEnv, Section } from './types';

/** Row counts of every table and checksums of the tables that hold money and secrets. */
async function snapshot(url: string): Promise<Record<string, string>> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const out: Record<string, string> = {};
    const { rows: tables } = await db.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    for (const { t } of tables) {
      out[`rows:${t}`] = (await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0]!.n;
    }
    for (const t of ['card_transactions', 'cards', 'secret_vault_chunks', 'audit_events', 'batches', 'accounts', '_prisma_migrations']) {
      out[`md5:${t}`] =
        (await db.query<{ h: string | null }>(`SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS h FROM "${t}" t`)).rows[0]!.h ?? 'empty';
    }
    return out;
  } finally {
    await db.end();
  }
}

function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).map((k) => k.replace(/^rows:/, 'rows of ').replace(/^md5:/, 'checksum of '));
}

/** Runs an npm script's file as an operator would, with `env` as the whole configuration. */
function runScript(script: string, args: string[], env: Record<string, string>): { ok: boolean; output: string } {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DATABASE_URL;
  delete base.CARDSTOCK_DATA_DIR;
  const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), script, ...args], {
    env: { ...base, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

async function postgresRoundTrip(env: ReliabilityEnv): Promise<Probe[]> {
  const url = await env.newDatabase('backup');
  const db = pool(url);
  const client = new Client(env);
  const file = path.join(env.workDir, 'backup.dump');
  let server = await env.startServer(url, { logFile: path.join(env.workDir, 'data-safety.log') });
  try {
    const base = server.baseUrl;
    const token = await client.apiToken(base, 'demo-client', 'demo-secret');
    const admin = await client.signIn(base, 'admin@demo.test');
    const cards = [];
    for (let i = 0; i < 10; i++) cards.push(await activeCard(client, base, token, 50_000));
    for (const card of cards) await drawdown(client, base, token, card, 1_234);
    await issueCards(client, base, token, 50);
    const runId = await orderPrintRun(client, base, admin, db, { quantity: 2_000, prefix: `BAK${uniqueId('').slice(1, 6).toUpperCase()}` });
    if (!runId) throw new Error('print run refused');
    await waitForBatch(db, runId, (s) => s.status === 'READY', 60_000);

    const atBackup = await snapshot(url);
    const backup = runScript('scripts/db-backup.ts', ['--out', file], { DATABASE_URL: url });

    // Life goes on after the backup.
    for (const card of cards.slice(0, 5)) await drawdown(client, base, token, card, 10_000);
    await issueCards(client, base, token, 20);
    await db.query(`UPDATE accounts SET name = 'Changed after the backup' WHERE id = $1`, [DEMO_ACCOUNT]);
    const changed = await snapshot(url);
    await server.stop();

    const refused = runScript('scripts/db-restore.ts', [file], { DATABASE_URL: url });
    const restore = runScript('scripts/db-restore.ts', [file, '--yes'], { DATABASE_URL: url });
    const restored = await snapshot(url);
    const diff = differences(atBackup, restored);
    const ledger = await checkLedger(db);
    const pending = await migrate(url);

    // The same backup onto a new, empty database (a new server after losing the old one).
    const admin2 = new pg.Client({ connectionString: env.adminUrl });
    await admin2.connect();
    const freshName = `rel_restore_${randomUUID().slice(0, 8)}`;
    await admin2.query(`CREATE DATABASE ${freshName}`);
    await admin2.end();
    const freshUrl = new URL(env.adminUrl);
    freshUrl.pathname = `/${freshName}`;
    const fresh = runScript('scripts/db-restore.ts', [file, '--yes'], { DATABASE_URL: freshUrl.toString() });
    const freshDiff = differences(atBackup, await snapshot(freshUrl.toString()));

    // And the restored database serves: the app starts on it and takes a drawdown.
    server = await env.startServer(freshUrl.toString(), { logFile: path.join(env.workDir, 'data-safety-restored.log') });
    const served = await drawdown(client, server.baseUrl, await client.apiToken(server.baseUrl, 'demo-client', 'demo-secret'), cards[0]!, 100);

    const changedSomething = differences(atBackup, changed).length > 0;
    const tables = Object.keys(atBackup).filter((k) => k.startsWith('rows:')).length;
    return [
      {
        area: 'data safety',
        name: 'PostgreSQL: backup, change, restore',
        tried: 1,
        held: backup.ok && changedSomething && !refused.ok && restore.ok && diff.length === 0 && ledgerHolds(ledger) && pending.applied.length === 0,
        detail: [
          backup.ok ? 'pg_dump backup of the running app' : `backup failed: ${backup.output.slice(0, 200)}`,
          `then ${differences(atBackup, changed).length} of the compared figures changed`,
          refused.ok ? 'NOT refused without --yes' : 'restore without --yes refused',
          restore.ok ? 'pg_restore' : `restore failed: ${restore.output.slice(0, 200)}`,
          diff.length === 0
            ? `all ${tables} tables' row counts and the ledger, cards, vault and audit checksums equal the backup point`
            : `differs in ${diff.join(', ')}`,
          describeLedger(ledger),
          pending.applied.length === 0 ? 'migration history intact' : `${pending.applied.length} migrations had to be re-applied`,
        ].join('; '),
      },
      {
        area: 'data safety',
        name: 'PostgreSQL: restore onto a new database',
        tried: 1,
        held: fresh.ok && freshDiff.length === 0 && served.status === 200,
        detail: [
          fresh.ok ? 'restored into an empty database' : `restore failed: ${fresh.output.slice(0, 200)}`,
          freshDiff.length === 0 ? 'equal to the backup point' : `differs in ${freshDiff.join(', ')}`,
          served.status === 200 ? 'the app serves it (a drawdown by token succeeds)' : `the app on it answered ${served.status}`,
        ].join('; '),
      },
    ];
  } finally {
    await server.stop();
    await db.end();
  }
}

async function embeddedRoundTrip(env: ReliabilityEnv): Promise<Probe> {
  const dataDir = path.join(env.workDir, 'embedded-data');
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(env.workDir, 'embedded-backup.tar.gz');
  const api: ApiClientActor = { kind: 'api_client', apiClientId: randomUUID(), clientId: 'reliability', accountId: DEMO_ACCOUNT, scopes: ['admin:wallets'] };
  const ids = Array.from({ length: 30 }, () => uniqueId('emb'));

  /** Opens the embedded database in this process, runs `work`, closes it. */
  const withEmbedded = async <T>(work: (url: string) => Promise<T>): Promise<T> => {
    const handle = await openEmbedded(dataDir);
    const db = createDbClient(handle.url, { max: 1 });
    setDb(db);
    try {
      return await work(handle.url);
    } finally {
      await db.$disconnect();
      await handle.close();
    }
  };

  const atBackup = await withEmbedded(async (url) => {
    await migrate(url);
    const db = createDbClient(url, { max: 1 });
    await seedDemo(db);
    await db.$disconnect();
    await createCardBatch(api, createBatchSchema.parse({ cards: ids.map((card_id) => ({ card_id })) }));
    for (const cardId of ids.slice(0, 10)) await activateCard(api, cardId, activateCardSchema.parse({ amount: 25_000, currency: 'NOK' }));
    return snapshot(url);
  });
  // Refused while open: the database is in use.
  const whileOpen = await withEmbedded(async () => runScript('scripts/db-backup.ts', ['--out', `${file}.refused`], { CARDSTOCK_DATA_DIR: dataDir }));
  const backup = runScript('scripts/db-backup.ts', ['--out', file], { CARDSTOCK_DATA_DIR: dataDir });
  const changed = await withEmbedded(async (url) => {
    await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: uniqueId('late') }] }));
    for (const cardId of ids.slice(10, 15)) await activateCard(api, cardId, activateCardSchema.parse({ amount: 10_000, currency: 'NOK' }));
    return snapshot(url);
  });
  const restore = runScript('scripts/db-restore.ts', [file, '--yes'], { CARDSTOCK_DATA_DIR: dataDir });
  const { restored, ledger } = await withEmbedded(async (url) => {
    const db = pool(url);
    try {
      return { restored: await snapshot(url), ledger: await checkLedger(db) };
    } finally {
      await db.end();
    }
  });
  const diff = differences(atBackup, restored);
  return {
    area: 'data safety',
    name: 'embedded (PGlite): backup, change, restore',
    tried: 1,
    held:
      !whileOpen.ok &&
      whileOpen.output.includes('in use') &&
      backup.ok &&
      differences(atBackup, changed).length > 0 &&
      restore.ok &&
      diff.length === 0 &&
      ledgerHolds(ledger),
    detail: [
      whileOpen.ok ? 'NOT refused while the database was open' : 'backup refused while the database is open',
      backup.ok ? 'PGlite data-directory dump' : `backup failed: ${backup.output.slice(0, 200)}`,
      `then ${differences(atBackup, changed).length} of the compared figures changed`,
      restore.ok ? 'restored (old data directory kept aside)' : `restore failed: ${restore.output.slice(0, 200)}`,
      diff.length === 0 ? 'every table equals the backup point' : `differs in ${diff.join(', ')}`,
      describeLedger(ledger),
    ].join('; '),
  };
}

export const section: Section = {
  name: 'data safety',
  async run(env: ReliabilityEnv): Promise<Probe[]> {
    return [...(await postgresRoundTrip(env)), await embeddedRoundTrip(env)];
  },
};
