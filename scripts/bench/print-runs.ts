/**
 * Cases 3 and 4: a print run of 100,000 cards ordered at HQ until READY (the fill runs in the
 * server's background worker, as in production), beside one INSERT … SELECT of the same rows
 * into a scratch copy of `cards`; then the one-time print-file download of that run over HTTP,
 * with the server's RSS growth, beside `COPY … TO STDOUT` of the same rows through psql.
 */
import { spawn } from 'node:child_process';
import { loadUserActor } from '@/lib/auth/load-actor';
import { orderPrintRun } from '@/lib/print-runs/order-print-run';
import { orderPrintRunSchema } from '@/lib/print-runs/schemas';
import type { TestServer } from '@/lib/testing/http-server';
import { ACCOUNT, DEMO_PASSWORD, signIn } from './http';
import { clusterCpuMs, processCpuMs, rssBytes, sampler } from './proc';
import type { BenchDb } from './setup';

export interface PrintRunResult {
  batchId: string;
  seconds: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  statements: number;
}

let runsOrdered = 0;

/** Orders a run as the HQ admin would (the domain call behind the form) and waits until it is READY. */
export async function measurePrintRun(db: BenchDb, server: TestServer, quantity: number): Promise<PrintRunResult> {
  const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@demo.test'`);
  const admin = (await loadUserActor(rows[0]!.id))!;
  runsOrdered += 1;
  const input = orderPrintRunSchema.parse({
    quantity: String(quantity),
    type: 'gift_card',
    idPrefix: `BENCH${runsOrdered}-`,
    startSequence: '1',
    padWidth: '8',
    pinLength: '4',
    pinNumbers: 'on',
    tokenLength: '16',
    tokenNumbers: 'on',
    manufacturer: 'Bench Print AS',
  });
  await db.resetStatements();
  const node0 = processCpuMs(server.pid);
  const pg0 = clusterCpuMs(db.cluster.dataDir);
  const start = performance.now();
  const batch = await orderPrintRun(admin, input);
  for (;;) {
    const { rows: state } = await db.pool.query<{ status: string; failure_reason: string | null }>('SELECT status, failure_reason FROM batches WHERE id = $1', [
      batch.id,
    ]);
    if (state[0]?.status === 'READY') break;
    if (state[0]?.status === 'FAILED') throw new Error(`Print run failed: ${state[0].failure_reason}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - start) / 1000;
  const nodeCpuMs = processCpuMs(server.pid) - node0;
  const pgCpuMs = clusterCpuMs(db.cluster.dataDir) - pg0;
  const { calls } = await db.countStatements();
  return { batchId: batch.id, seconds, nodeCpuMs, pgCpuMs, statements: calls };
}

/**
 * The same rows by one INSERT … SELECT generate_series into a scratch table shaped like `cards`
 * (its columns, defaults, checks, indexes and the same foreign keys), with hashes of the same
 * width as the real HMACs and the run's own format JSON; emptied afterwards.
 */
export async function measureRawInsert(db: BenchDb, batchId: string, quantity: number): Promise<number> {
  const pool = db.pool;
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_cards (LIKE cards INCLUDING ALL)`);
  const { rows: fks } = await pool.query<{ def: string; name: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'cards'::regclass AND contype = 'f'`,
  );
  const { rows: existing } = await pool.query<{ name: string }>(
    `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'bench_cards'::regclass AND contype = 'f'`,
  );
  for (const fk of fks) {
    if (!existing.some((e) => e.name === `bench_${fk.name}`)) await pool.query(`ALTER TABLE bench_cards ADD CONSTRAINT bench_${fk.name} ${fk.def}`);
  }
  await pool.query('TRUNCATE bench_cards');
  const start = performance.now();
  await pool.query(
    `INSERT INTO bench_cards (id, account_id, card_id, batch_id, type, status, token_hash, masked_code, token_format, pin_hash, pin_format, metadata, created_by)
     SELECT gen_random_uuid(), $1, 'RAW-' || lpad(i::text, 8, '0'), b.id, 'gift_card', 'inactive',
            md5(random()::text) || md5(random()::text), '************' || lpad((i % 10000)::text, 4, '0'), b.spec->'token_format',
            md5(random()::text) || md5(random()::text), b.spec->'pin_format', '{}', b.created_by
     FROM generate_series(1, $3::int) i, batches b WHERE b.id = $2::uuid`,
    [ACCOUNT, batchId, quantity],
  );
  const seconds = (performance.now() - start) / 1000;
  await pool.query('TRUNCATE bench_cards');
  return seconds;
}

export interface ReleaseResult {
  seconds: number;
  rssGrowthMb: number;
  bytes: number;
  rows: number;
}

/** The one-time print file (CSV) over HTTP as the release form posts it, reading the body to the end. */
export async function measureRelease(server: TestServer, batchId: string): Promise<ReleaseResult> {
  const base = server.baseUrl;
  const cookie = await signIn(base, 'admin@demo.test');
  const rss0 = rssBytes(server.pid);
  const rss = sampler(() => rssBytes(server.pid), 20);
  const start = performance.now();
  const response = await fetch(`${base}/hq/print-runs/${batchId}/release/print-file`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
    body: new URLSearchParams({ password: DEMO_PASSWORD, format: 'csv' }),
    redirect: 'manual',
  });
  if (response.status !== 200 || !response.body) {
    rss.stop();
    throw new Error(`Print-file release answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  let bytes = 0;
  let newlines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) newlines += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  const peak = Math.max(...rss.stop());
  return { seconds, rssGrowthMb: (peak - rss0) / 1024 ** 2, bytes, rows: newlines - 1 };
}

/** `COPY (the run's rows) TO STDOUT` through psql into /dev/null, wall time of the psql process. */
export async function measureCopy(db: BenchDb, batchId: string): Promise<number> {
  const sql = `COPY (SELECT card_id, masked_code, token_hash, pin_hash FROM cards WHERE batch_id = '${batchId}' ORDER BY card_id) TO STDOUT WITH (FORMAT csv, HEADER)`;
  const start = performance.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(db.psql, ['-X', '-q', '-h', db.host, '-p', db.port, '-U', 'postgres', '-d', db.name, '-c', sql], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`psql COPY failed (exit ${code})`);
  return (performance.now() - start) / 1000;
}
