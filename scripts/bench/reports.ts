/**
 * The "reports" bench case (`npx tsx scripts/bench.ts --only reports`): 1,000,000 cards and
 * 5,000,000 ledger rows seeded with INSERT … SELECT generate_series on the throwaway cluster (two
 * currencies, 20 stores, 200 print runs, two years of history, expired cards booked off), then
 * every finance report timed through its real domain function (Prisma, the same SQL the pages
 * run), 3 runs each, wall time. Writes bench/reports.json and its own section at the end of
 * docs/BENCHMARKS.md (between markers, below the hand-written part that full runs keep), leaving
 * every other section alone.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { UserActor } from '@/lib/auth/actor';
import type { BenchDb } from './setup';

const ACCOUNT = 'T77777777';
const FULL_SIZE = 1_000_000;
// BENCH_REPORT_CARDS=<n> seeds fewer cards for a quick look at the plans (printed, not written to the docs).
const CARDS = Number(process.env.BENCH_REPORT_CARDS ?? FULL_SIZE);
const ROWS_PER_CARD = 5;
const START = '<!-- reports bench: start (written by `npm run bench -- --only reports`) -->';
const END = '<!-- reports bench: end -->';

export interface ReportTiming {
  name: string;
  runsMs: number[];
  medianMs: number;
}

export async function seed(db: BenchDb, log: (text: string) => void): Promise<{ cards: number; rows: number; seedSeconds: number }> {
  const t0 = Date.now();
  const q = (sql: string) => db.pool.query(sql);
  await q(`INSERT INTO accounts (id, name, default_currency, time_zone, updated_at) VALUES ('${ACCOUNT}', 'Reports bench chain', 'NOK', 'Europe/Oslo', now())`);
  // Stores 0–14 sell in NOK, 15–19 in EUR.
  await q(`INSERT INTO stores (id, account_id, name, currency, updated_at)
           SELECT md5('rb-store-' || s)::uuid, '${ACCOUNT}', 'Bench store ' || s, CASE WHEN s < 15 THEN 'NOK' ELSE 'EUR' END, now()
           FROM generate_series(0, 19) s`);
  await q(`INSERT INTO batches (id, account_id, quantity, cards_created, status, secrets_state, created_by, created_at)
           SELECT md5('rb-batch-' || b)::uuid, '${ACCOUNT}', ${CARDS / 200}, ${CARDS / 200}, 'READY', 'DESTROYED', 'bench', now() - interval '800 days'
           FROM generate_series(0, 199) b`);
  log(`reports bench: inserting ${CARDS.toLocaleString('en')} cards`);
  // Card n: sold at now − 730 days × (1 − n/CARDS) (two years, oldest first); 70 % expire a year
  // after sale; every 4th is in EUR; every 10th is a credit note. Its five ledger rows: a fund of
  // 500.00, three drawdowns of 70.00 forty days apart, then the expiry of the 290.00 left (when
  // the card has expired) or a last drawdown of 10.00. A card sold in the last 200 days has its
  // rows spread between its sale and now instead, in the same order (seq).
  await q(`CREATE TEMP TABLE rb_cards AS
    SELECT n, md5('rb-card-' || n)::uuid AS id,
           now() - interval '730 days' * (1 - n::float8 / ${CARDS}) AS sold_at,
           CASE WHEN n % 4 = 0 THEN 'EUR' ELSE 'NOK' END AS currency,
           md5('rb-store-' || CASE WHEN n % 4 = 0 THEN 15 + (n / 4) % 5 ELSE n % 15 END)::uuid AS store_id,
           md5('rb-batch-' || (n % 200))::uuid AS batch_id,
           CASE WHEN n % 10 < 7 THEN now() - interval '730 days' * (1 - n::float8 / ${CARDS}) + interval '365 days' END AS expires_at
    FROM generate_series(1, ${CARDS}) n`);
  await q(`INSERT INTO cards (id, account_id, card_id, batch_id, type, status, currency, amount, balance, pending, metadata, expires_at, activated_at, activated_store_id, activated_by, created_at, created_by, active_from)
    SELECT id, '${ACCOUNT}', 'rb-' || n, batch_id, CASE WHEN n % 10 = 0 THEN 'credit_note' ELSE 'gift_card' END::"CardType", 'active', currency, 50000,
           CASE WHEN expires_at IS NOT NULL AND expires_at + interval '1 hour' < now() THEN 0 ELSE 28000 END, 0, '{}', expires_at, sold_at, store_id, 'bench', sold_at - interval '30 days', 'bench', sold_at
    FROM rb_cards`);
  log(`reports bench: inserting ${(CARDS * ROWS_PER_CARD).toLocaleString('en')} ledger rows`);
  await q(`INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, is_pending, metadata, created_at, created_by, balance_after, sale_store_id, store_id)
    SELECT gen_random_uuid(), '${ACCOUNT}', c.id,
           CASE WHEN r = 0 THEN 'fund' ELSE 'drawdown' END::"TransactionType",
           CASE WHEN r = 0 THEN 'FUND' WHEN r = 4 AND e.is_expired THEN 'EXPIRY' ELSE 'DRAWDOWN' END::"LedgerKind",
           CASE WHEN r = 0 THEN 50000 WHEN r < 4 THEN 7000 WHEN e.is_expired THEN 29000 ELSE 1000 END,
           c.currency, 'rb-' || r, false, '{}',
           CASE WHEN r = 4 AND e.is_expired THEN c.expires_at + interval '1 hour'
                WHEN c.sold_at + interval '200 days' < now() THEN c.sold_at + r * interval '40 days'
                -- A recent card: its rows spread between its sale and now, in order.
                ELSE c.sold_at + (now() - interval '1 minute' - c.sold_at) * (r / 5.0) END,
           'bench',
           CASE WHEN r = 0 THEN 50000 WHEN r < 4 THEN 50000 - r * 7000 WHEN e.is_expired THEN 0 ELSE 28000 END,
           c.store_id, CASE WHEN r = 0 THEN c.store_id END
    FROM rb_cards c
    CROSS JOIN LATERAL (SELECT c.expires_at IS NOT NULL AND c.expires_at + interval '1 hour' < now() AS is_expired) e
    CROSS JOIN generate_series(0, ${ROWS_PER_CARD - 1}) r
    ORDER BY c.n, r`);
  await q('DROP TABLE rb_cards');
  // A steady-state database: autovacuum has set the visibility map (index-only scans) by now.
  log('reports bench: VACUUM ANALYZE');
  await q('VACUUM ANALYZE cards');
  await q('VACUUM ANALYZE card_transactions');
  const counts = await db.pool.query<{ cards: string; rows: string }>(
    `SELECT (SELECT count(*) FROM cards WHERE account_id = '${ACCOUNT}') AS cards, (SELECT count(*) FROM card_transactions WHERE account_id = '${ACCOUNT}') AS rows`,
  );
  return { cards: Number(counts.rows[0]!.cards), rows: Number(counts.rows[0]!.rows), seedSeconds: (Date.now() - t0) / 1000 };
}

export async function runReportsBench(db: BenchDb, options: { reps: number; log: (text: string) => void }): Promise<void> {
  const { log } = options;
  const seeded = await seed(db, log);
  log(`reports bench: seeded ${seeded.cards} cards, ${seeded.rows} ledger rows in ${seeded.seedSeconds.toFixed(0)} s`);

  const { getLiabilityReport } = await import('@/lib/reports/liability');
  const { getAgingReport } = await import('@/lib/reports/aging');
  const { getMovementsReport } = await import('@/lib/reports/movements');
  const { getBreakageReport } = await import('@/lib/reports/breakage');
  const { getStorePerformanceReport } = await import('@/lib/reports/store-performance');
  const { exportJournal } = await import('@/lib/reports/close-period');
  const { getDashboardSummary } = await import('@/lib/dashboard/get-dashboard-summary');
  const { ensureLiabilitySnapshots } = await import('@/lib/reports/liability-snapshots');
  const { ensureDayTotals } = await import('@/lib/reports/day-totals');
  // BENCH_REPORT_EXPLAIN=1 (with a smaller seed): every statement over 200 ms is logged with its
  // EXPLAIN (ANALYZE, BUFFERS) plan (auto_explain) into .bench/reports-explain.log.
  const explainAll = process.env.BENCH_REPORT_EXPLAIN === '1' && CARDS !== FULL_SIZE;
  if (explainAll) {
    for (const setting of [
      "session_preload_libraries = 'auto_explain'",
      "auto_explain.log_min_duration = '200ms'",
      'auto_explain.log_analyze = on',
      'auto_explain.log_buffers = on',
      'auto_explain.log_nested_statements = on',
    ])
      await db.pool.query(`ALTER DATABASE "${db.name}" SET ${setting}`);
  }
  // What the worker does every 10 minutes: the month-start snapshots (all 25 at once here).
  const snapStart = performance.now();
  const snapshots = await ensureLiabilitySnapshots(ACCOUNT);
  const snapshotMs = performance.now() - snapStart;
  const daysStart = performance.now();
  const days = await ensureDayTotals(ACCOUNT);
  const daysMs = performance.now() - daysStart;
  log(`reports bench: ${snapshots} month-start liability snapshots in ${snapshotMs.toFixed(0)} ms, ${days} days of movement totals in ${daysMs.toFixed(0)} ms`);
  const actor: UserActor = {
    kind: 'user',
    userId: '00000000-0000-0000-0000-000000000000',
    email: 'bench@example.test',
    name: 'Bench',
    role: 'HQ_STAFF',
    accountId: ACCOUNT,
    accountName: 'Reports bench chain',
    storeId: null,
    storeName: null,
  };
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);

  const cases: [string, () => Promise<unknown>][] = [
    ['Liability now (per currency, store, print run, type)', () => getLiabilityReport(actor, {})],
    [`Liability as of ${monthEnd} (end of last month)`, () => getLiabilityReport(actor, { asOf: monthEnd })],
    [`Liability as of ${yearAgo}`, () => getLiabilityReport(actor, { asOf: yearAgo })],
    ['Aging now (by last activity and by expiry)', () => getAgingReport(actor, {})],
    ['Movements, last 30 days per day (with opening/closing)', () => getMovementsReport(actor, { granularity: 'day', days: 30 })],
    ['Movements, last 365 days per month (with opening/closing)', () => getMovementsReport(actor, { granularity: 'month', days: 365 })],
    ['Breakage, last 365 days (realised + estimate)', () => getBreakageReport(actor, { granularity: 'day', days: 365 })],
    ['Store performance, last 365 days', () => getStorePerformanceReport(actor, { granularity: 'day', days: 365 })],
    [`Journal export ${lastMonth} (with the liability check)`, () => exportJournal(actor, lastMonth)],
    ['Dashboard', () => getDashboardSummary(actor)],
  ];
  const timings: ReportTiming[] = [];
  for (const [name, run] of cases) {
    const runsMs: number[] = [];
    for (let i = 0; i < options.reps; i++) {
      const t = performance.now();
      await run();
      runsMs.push(performance.now() - t);
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    const timing = { name, runsMs, medianMs: sorted[Math.floor(sorted.length / 2)]! };
    timings.push(timing);
    log(`reports bench: ${name}: ${runsMs.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
  }
  const { cardStatesAtSql } = await import('@/lib/reports/as-of');
  const { snapshotBefore } = await import('@/lib/reports/liability-snapshots');
  const { Prisma } = await import('@/lib/generated/prisma/client');
  const at = new Date();
  const explain = Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) SELECT s.currency, sum(s.balance) FROM (${cardStatesAtSql(
    ACCOUNT,
    at,
    await snapshotBefore(ACCOUNT, at, { cardStates: true }),
  )}) s WHERE s.balance <> 0 GROUP BY 1`;
  const plan = await db.pool.query<{ 'QUERY PLAN': string }>(explain.text, explain.values);
  if (CARDS !== FULL_SIZE) {
    if (explainAll) {
      mkdirSync('.bench', { recursive: true });
      copyFileSync(db.cluster.logFile, path.join('.bench', 'reports-explain.log'));
      log('reports bench: the plans of every statement over 200 ms are in .bench/reports-explain.log');
    }
    log(
      `reports bench: ${CARDS} cards (BENCH_REPORT_CARDS), not written to the docs. The per-card as-of plan:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
    );
    return;
  }
  writeOutputs(
    { ...seeded, snapshots, snapshotMs, days, daysMs },
    timings,
    plan.rows.map((r) => r['QUERY PLAN']),
    options.reps,
  );
}

function writeOutputs(
  seeded: { cards: number; rows: number; seedSeconds: number; snapshots: number; snapshotMs: number; days: number; daysMs: number },
  timings: ReportTiming[],
  plan: string[],
  reps: number,
) {
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/reports.json', `${JSON.stringify({ generatedAt: new Date().toISOString(), ...seeded, timings }, null, 2)}\n`);
  const section = [
    START,
    '',
    '## Reports (finance reports on 1,000,000 cards and 5,000,000 ledger rows)',
    '',
    `Generated ${new Date().toISOString()} by \`npx tsx scripts/bench.ts --only reports\` on the throwaway PostgreSQL cluster: ${seeded.cards.toLocaleString('en')} cards,`,
    `${seeded.rows.toLocaleString('en')} ledger rows (seeded in ${seeded.seedSeconds.toFixed(0)} s with INSERT … SELECT generate_series, scripts/bench/reports.ts). Each report`,
    `through its domain function (the pages' own code and SQL), ${reps} runs, wall time; target: under 2 s each. Before timing, the worker's`,
    `job wrote the ${seeded.snapshots} month-start liability snapshots in ${(seeded.snapshotMs / 1000).toFixed(1)} s and ${seeded.days} days of movement totals in`,
    `${(seeded.daysMs / 1000).toFixed(1)} s (once for the whole history; afterwards a month's snapshot or a day's totals at a time).`,
    '',
    '| Report | Runs (ms) | Median (ms) | Under 2 s |',
    '|---|---|---:|:---:|',
    ...timings.map(
      (t) => `| ${t.name} | ${t.runsMs.map((ms) => ms.toFixed(0)).join(' / ')} | ${t.medianMs.toFixed(0)} | ${t.medianMs < 2000 ? 'yes' : '**no**'} |`,
    ),
    '',
    'The per-card as-of query (what aging reads), EXPLAIN (ANALYZE, BUFFERS):',
    '',
    '```',
    ...plan,
    '```',
    '',
    END,
  ].join('\n');
  const docPath = path.join('docs', 'BENCHMARKS.md');
  const previous = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  const next =
    previous.includes(START) && previous.includes(END)
      ? previous.slice(0, previous.indexOf(START)) + section + previous.slice(previous.indexOf(END) + END.length)
      : `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(docPath, next);
}
