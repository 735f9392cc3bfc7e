/**
 * `npm run bench`: the performance cases of docs/BENCHMARKS.md, each beside a baseline measured
 * in the same run on the same database. Not part of `npm test`. Needs a production build
 * (`npm run bench` builds first) and the PostgreSQL 15 server binaries.
 *
 *   npx tsx scripts/bench.ts [--quick] [--only wallet,two,print-run,release,counter,profile]
 *   npx tsx scripts/bench.ts --only reports    (the finance reports on 1M cards / 5M ledger rows, on its own)
 *   npx tsx scripts/bench.ts --only search     (HQ's card search on 1M cards, on its own)
 *
 * Writes bench/results.json and docs/BENCHMARKS.md (keeping its hand-written analysis).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { TEST_AUTH_SECRET, TEST_SECRETS_KEY } from '../lib/testing/test-keys';

process.env.CARDSTOCK_SECRETS_KEY = TEST_SECRETS_KEY;
process.env.AUTH_SECRET = TEST_AUTH_SECRET;
process.env.LOG_LEVEL ??= 'silent';

const { createDbClient, setDb } = await import('../lib/db/client');
const { assertBuilt } = await import('../lib/testing/http-server');
const { measureRoundTrip, measureRouteJs } = await import('./bench/counter');
const { measureCopy, measurePrintRun, measureRawInsert, measureRelease } = await import('./bench/print-runs');
const { loadSampler, machineInfo } = await import('./bench/proc');
const { summariseProfile } = await import('./bench/profile');
const { median, printTable, row, writeOutputs } = await import('./bench/report');
const { BENCH_DIR, startBenchDb, startBenchServer } = await import('./bench/setup');
const { measureWalletBaseline, measureWalletOp, OP_TITLES, prepareWallet, REQUESTS_PER_OP, WALLET_OPS } = await import('./bench/wallet');
type Row = import('./bench/report').Row;
type LoadResult = import('./bench/measure').LoadResult;
type WalletOp = import('./bench/wallet').WalletOp;

const CASES = ['wallet', 'two', 'print-run', 'release', 'counter', 'profile'] as const;
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const only = onlyArg ? onlyArg.split(',') : [...CASES];
for (const c of only)
  if (!(CASES as readonly string[]).includes(c) && c !== 'reports' && c !== 'search')
    throw new Error(`--only: unknown case ${c} (one of ${CASES.join(', ')}, reports, search)`);
const runs = (c: (typeof CASES)[number]) => only.includes(c);

const DURATION = quick ? 5 : 20;
const REPS = quick ? 1 : 3;
const PRINT_RUN = quick ? 20_000 : 100_000;
const reps = Array.from({ length: REPS }, (_, i) => i);

// The finance reports' case runs on its own (`--only reports`): it seeds 5,000,000 ledger rows and
// needs no server; it writes its own section of docs/BENCHMARKS.md (scripts/bench/reports.ts).
if (only.includes('reports')) {
  if (only.length > 1) throw new Error('--only reports runs on its own');
  const { runReportsBench } = await import('./bench/reports');
  const t0 = Date.now();
  const reportsDb = await startBenchDb();
  process.once('SIGINT', () => void reportsDb.stop().finally(() => process.exit(130)));
  setDb(createDbClient(reportsDb.url, { max: 4 }));
  try {
    await runReportsBench(reportsDb, { reps: 3, log: (text) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${text}`) });
  } finally {
    await reportsDb.stop();
  }
  process.exit(0);
}

// HQ's card search runs on its own too (`--only search`): 1,000,000 cards, no server; its own
// section of docs/BENCHMARKS.md (scripts/bench/search.ts). Named prepared statements, as in production.
if (only.includes('search')) {
  if (only.length > 1) throw new Error('--only search runs on its own');
  const { runSearchBench } = await import('./bench/search');
  const t0 = Date.now();
  const searchDb = await startBenchDb();
  process.once('SIGINT', () => void searchDb.stop().finally(() => process.exit(130)));
  setDb(createDbClient(searchDb.url, { max: 4, preparedStatements: true }));
  try {
    await runSearchBench(searchDb, { reps: 5, log: (text) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${text}`) });
  } finally {
    await searchDb.stop();
  }
  process.exit(0);
}

assertBuilt();
const startedAt = new Date();
const load = loadSampler();
const rows: Row[] = [];
const notes: string[] = [];
const log = (text: string) => console.log(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${text}`);

log('starting PostgreSQL, migrating, seeding the demo data');
const db = await startBenchDb();
setDb(createDbClient(db.url, { max: 4 }));
const servers: { stop(): Promise<void> }[] = [];
// Ctrl-C: stop the servers and the throwaway cluster rather than leave them running.
process.once('SIGINT', () => {
  void Promise.allSettled(servers.map((s) => s.stop()))
    .then(() => db.stop())
    .finally(() => process.exit(130));
});
let profile: { summary: ReturnType<typeof summariseProfile>; what: string } | null = null;
let postgres = '';

try {
  postgres = (await db.pool.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v.split(' on ')[0]!;
  const serverA = await startBenchServer(db, 'a');
  servers.push(serverA);
  log(`production server at ${serverA.baseUrl} (pid ${serverA.pid})`);

  const wallet = runs('wallet') || runs('two') || runs('profile') ? await prepareWallet(db, serverA) : null;
  const single = new Map<WalletOp, LoadResult[]>();

  /** Rows of one Wallet API operation; pending + capture is reported per operation (2 requests). */
  const walletRows = (caseName: string, op: WalletOp, app: LoadResult[], base: LoadResult[], baseLabel: 'pgbench' | 'one') => {
    const k = REQUESTS_PER_OP[op];
    const unit = k === 1 ? 'req' : 'op';
    const m = (f: (r: LoadResult) => number, list = app) => ({ value: median(list.map(f)), runs: list.map(f) });
    const perOp = (f: (r: LoadResult) => number) => (r: LoadResult) => f(r) * k;
    const t = m((r) => r.perSecond / k);
    const tb = median(base.map((r) => r.perSecond / (baseLabel === 'one' ? k : 1)));
    const share = op === 'info-token' || op === 'info-pin' ? 0.1 : 0.2;
    const out: Row[] = [];
    out.push(
      row({
        case: caseName,
        metric: `throughput (baseline: ${baseLabel === 'pgbench' ? 'pgbench' : 'one instance'})`,
        unit: `${unit}/s`,
        ...t,
        baseline: tb,
        ...(baseLabel === 'pgbench'
          ? { target: `≥ ${share * 100}% of pgbench`, check: (_v, ratio) => ratio !== null && ratio >= share }
          : { target: '≥ 1.7× one instance', check: (_v, ratio) => ratio !== null && ratio >= 1.7 }),
      }),
    );
    const lat = baseLabel === 'pgbench' ? base : [];
    out.push(
      row({ case: caseName, metric: 'latency p50 (per request)', unit: 'ms', ...m((r) => r.p50), baseline: lat.length ? median(lat.map((r) => r.p50)) : null }),
    );
    out.push(
      row({
        case: caseName,
        metric: 'latency p99 (per request)',
        unit: 'ms',
        ...m((r) => r.p99),
        baseline: lat.length ? median(lat.map((r) => r.p99)) : null,
        target: '< 150 ms',
        check: (v) => v < 150,
      }),
    );
    out.push(
      row({
        case: caseName,
        metric: 'non-2xx + errors (per run)',
        unit: '',
        ...m((r) => r.failures),
        baseline: lat.length ? median(lat.map((r) => r.failures)) : null,
      }),
    );
    out.push(
      row({
        case: caseName,
        metric: `Node CPU per ${unit}`,
        unit: 'ms',
        ...m(perOp((r) => r.nodeCpuMs)),
        baseline: baseLabel === 'one' ? median(base.map(perOp((r) => r.nodeCpuMs))) : null,
      }),
    );
    const basePer = (f: (r: LoadResult) => number) => median(base.map(baseLabel === 'one' ? perOp(f) : f));
    out.push(row({ case: caseName, metric: `PostgreSQL CPU per ${unit}`, unit: 'ms', ...m(perOp((r) => r.pgCpuMs)), baseline: basePer((r) => r.pgCpuMs) }));
    out.push(row({ case: caseName, metric: `SQL statements per ${unit}`, unit: '', ...m(perOp((r) => r.statements)), baseline: basePer((r) => r.statements) }));
    out.push(
      row({
        case: caseName,
        metric: `load generator CPU per ${unit} (autocannon, in the bench process)`,
        unit: 'ms',
        ...m(perOp((r) => r.loaderCpuMs)),
        baseline: baseLabel === 'one' ? median(base.map(perOp((r) => r.loaderCpuMs))) : null,
      }),
    );
    out.push(
      row({
        case: caseName,
        metric: 'machine CPU busy (all cores, every process)',
        unit: '%',
        ...m((r) => r.machineBusy * 100),
        baseline: median(base.map((r) => r.machineBusy * 100)),
      }),
    );
    out.push(
      row({
        case: caseName,
        metric: `PostgreSQL exec time per ${unit} (pg_stat_statements)`,
        unit: 'ms',
        ...m(perOp((r) => r.pgExecMs)),
        baseline: basePer((r) => r.pgExecMs),
      }),
    );
    return out;
  };

  if (runs('wallet') && wallet) {
    for (const op of WALLET_OPS) {
      const app: LoadResult[] = [];
      const base: LoadResult[] = [];
      for (const rep of reps) {
        log(`1. ${op} run ${rep + 1}/${REPS}: pgbench`);
        base.push(await measureWalletBaseline(wallet, op, DURATION));
        log(`   pgbench ${base.at(-1)!.perSecond.toFixed(0)} tps; now the app`);
        app.push(await measureWalletOp(wallet, op, [serverA], DURATION));
        const a = app.at(-1)!;
        log(
          `   app ${a.perSecond.toFixed(1)} req/s, p99 ${a.p99} ms, failures ${a.failures}, ${a.statements.toFixed(1)} statements/req, Node ${a.nodeCpuMs.toFixed(1)} ms/req`,
        );
      }
      single.set(op, app);
      rows.push(...walletRows(`1. ${OP_TITLES[op]}`, op, app, base, 'pgbench'));
    }
  }

  if (runs('two') && wallet) {
    const serverB = await startBenchServer(db, 'b');
    servers.push(serverB);
    for (const op of WALLET_OPS) {
      const two: LoadResult[] = [];
      let one = single.get(op);
      if (!one) {
        one = [];
        for (const rep of reps) {
          log(`2. ${op} run ${rep + 1}/${REPS}: one instance (case 1 was not run)`);
          one.push(await measureWalletOp(wallet, op, [serverA], DURATION));
        }
      }
      for (const rep of reps) {
        log(`2. ${op} run ${rep + 1}/${REPS}: two instances`);
        two.push(await measureWalletOp(wallet, op, [serverA, serverB], DURATION));
        log(`   ${two.at(-1)!.perSecond.toFixed(1)} req/s`);
      }
      rows.push(...walletRows(`2. ${OP_TITLES[op]}, two instances`, op, two, one, 'one'));
    }
    await serverB.stop();
    servers.splice(servers.indexOf(serverB), 1);
  }

  const batches: string[] = [];
  if (runs('print-run') || runs('release')) {
    const secs: number[] = [];
    const raw: number[] = [];
    const nodeCpu: number[] = [];
    const pgCpu: number[] = [];
    const stmts: number[] = [];
    for (const rep of runs('print-run') ? reps : [0]) {
      log(`3. print run of ${PRINT_RUN.toLocaleString('en-US')} cards, run ${rep + 1}`);
      const r = await measurePrintRun(db, serverA, PRINT_RUN);
      batches.push(r.batchId);
      secs.push(r.seconds);
      nodeCpu.push(r.nodeCpuMs / 1000);
      pgCpu.push(r.pgCpuMs / 1000);
      stmts.push(r.statements);
      raw.push(await measureRawInsert(db, r.batchId, PRINT_RUN));
      log(`   ${r.seconds.toFixed(1)} s to READY; raw INSERT … SELECT ${raw.at(-1)!.toFixed(1)} s`);
    }
    if (runs('print-run')) {
      const c = `3. Print run, ${PRINT_RUN.toLocaleString('en-US')} cards (order → READY)`;
      rows.push(
        row({
          case: c,
          metric: 'time (baseline: one INSERT … SELECT)',
          unit: 's',
          value: median(secs),
          runs: secs,
          baseline: median(raw),
          target: '≤ 2× raw insert',
          check: (_v, ratio) => ratio !== null && ratio <= 2,
        }),
      );
      rows.push(row({ case: c, metric: 'server Node CPU', unit: 's', value: median(nodeCpu), runs: nodeCpu, baseline: null }));
      rows.push(row({ case: c, metric: 'PostgreSQL CPU', unit: 's', value: median(pgCpu), runs: pgCpu, baseline: null }));
      rows.push(row({ case: c, metric: 'SQL statements', unit: '', value: median(stmts), runs: stmts, baseline: null }));
    }
  }

  if (runs('release')) {
    const secs: number[] = [];
    const rss: number[] = [];
    const copy: number[] = [];
    let rowsOut = 0;
    for (const [i, batchId] of batches.entries()) {
      log(`4. print-file release ${i + 1}/${batches.length}`);
      const r = await measureRelease(serverA, batchId);
      secs.push(r.seconds);
      rss.push(r.rssGrowthMb);
      rowsOut = r.rows;
      copy.push(await measureCopy(db, batchId));
      log(`   ${r.seconds.toFixed(2)} s, RSS +${r.rssGrowthMb.toFixed(1)} MB, ${r.rows} rows; COPY ${copy.at(-1)!.toFixed(2)} s`);
    }
    const c = `4. Print-file release, ${PRINT_RUN.toLocaleString('en-US')} cards (CSV)`;
    rows.push(
      row({
        case: c,
        metric: `time to last byte (baseline: COPY TO STDOUT)`,
        unit: 's',
        value: median(secs),
        runs: secs,
        baseline: median(copy),
        target: '< 2 s',
        check: (v) => v < 2,
        note: `${rowsOut} rows`,
      }),
    );
    rows.push(
      row({
        case: c,
        metric: 'server RSS growth (peak − before)',
        unit: 'MB',
        value: median(rss),
        runs: rss,
        baseline: null,
        target: '< 50 MB',
        check: (v) => v < 50,
      }),
    );
  }

  if (runs('counter')) {
    log('5. counter: route JS (Chromium) and the activation round trip');
    const js = await measureRouteJs(serverA.baseUrl);
    rows.push(
      row({
        case: '5. Counter',
        metric: 'route JS of /store, gzip (baseline: what /login loads)',
        unit: 'KB',
        value: js.value?.totalGzipKb ?? null,
        baseline: js.value?.sharedGzipKb ?? null,
        ...(js.value ? {} : { note: js.note }),
      }),
    );
    if (!js.value) notes.push(`Route JS: ${js.note}.`);
    const trip = await measureRoundTrip(serverA.baseUrl, quick ? 20 : 50);
    const emb = trip.embedded;
    rows.push(
      row({
        case: '5. Counter',
        metric: 'activation round trip, median (baseline: domain call in-process on PGlite)',
        unit: 'ms',
        value: trip.http.activateMs,
        baseline: emb?.activateMs ?? null,
      }),
    );
    rows.push(
      row({
        case: '5. Counter',
        metric: 'scan → card shown, median (baseline: in-process on PGlite)',
        unit: 'ms',
        value: trip.http.findMs,
        baseline: emb?.findMs ?? null,
      }),
    );
  }

  if (runs('profile') && wallet) {
    for (const s of servers.splice(0)) await s.stop(); // the profiled server alone
    const dir = path.join(BENCH_DIR, 'profile');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const seconds = quick ? 5 : 15;
    const p = await startBenchServer(db, 'profile', ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    servers.push(p);
    log(`profile: activation, then info by token, ${seconds} s each, under node --cpu-prof`);
    const loadStart = Date.now();
    const act = await measureWalletOp(wallet, 'activation', [p], seconds);
    const info = await measureWalletOp(wallet, 'info-token', [p], seconds);
    await p.stop();
    const window = (Date.now() - loadStart) / 1000; // the samples of the load, not of start-up
    servers.splice(servers.indexOf(p), 1);
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    const file = files.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (file) {
      profile = {
        summary: summariseProfile(file, window),
        what: `The server under \`node --cpu-prof\` (samples of the load only, start-up excluded) for ${seconds} s of activations (${act.perSecond.toFixed(0)} req/s while profiled) and then ${seconds} s of info by token (${info.perSecond.toFixed(0)} req/s), 32 connections.`,
      };
    } else {
      notes.push('The CPU profile was not written (the server did not exit cleanly).');
    }
  }
} finally {
  for (const s of servers) await s.stop().catch(() => {});
  await db.stop().catch(() => {});
}

const samples = load.stop();
const info = {
  startedAt: startedAt.toISOString(),
  seconds: (Date.now() - startedAt.getTime()) / 1000,
  options: argv.join(' '),
  machine: machineInfo(),
  postgres,
  load: { min: Math.min(...samples), mean: samples.reduce((a, b) => a + b, 0) / samples.length, max: Math.max(...samples), samples: samples.length },
  repetitions: REPS,
  duration: DURATION,
};
console.log('');
printTable(rows);
writeOutputs(rows, info, profile, notes);
if (profile) {
  console.log('\nProfile (self time by group):');
  for (const g of profile.summary.groups.slice(0, 10)) console.log(`  ${g.group.padEnd(42)} ${(g.share * 100).toFixed(1).padStart(5)}%`);
}
console.log(`\nWrote bench/results.json and docs/BENCHMARKS.md (${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}).`);
process.exit(0);
