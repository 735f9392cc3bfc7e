/** The bench's output: a table on stdout, bench/results.json and docs/BENCHMARKS.md. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProfileSummary } from './profile';

export interface Row {
  case: string;
  metric: string;
  /** Median over the repetitions (null: not measured, see note). */
  value: number | null;
  unit: string;
  baseline: number | null;
  /** value / baseline */
  ratio: number | null;
  target?: string;
  met?: boolean | null;
  /** Every repetition's value. */
  runs?: number[];
  note?: string;
}

export function median(values: number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function row(r: Omit<Row, 'ratio'> & { check?: (value: number, ratio: number | null) => boolean }): Row {
  const { check, ...rest } = r;
  const ratio =
    r.value !== null && r.baseline !== null && Number.isFinite(r.value) && r.baseline !== 0 && Number.isFinite(r.baseline) ? r.value / r.baseline : null;
  const met = check && r.value !== null && Number.isFinite(r.value) ? check(r.value, ratio) : r.target ? null : undefined;
  return { ...rest, ratio, ...(met !== undefined ? { met } : {}) };
}

function fmt(n: number | null, unit = ''): string {
  if (n === null || !Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const text = abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : abs >= 1 ? n.toFixed(2) : n.toFixed(3);
  return unit ? `${text} ${unit}` : text;
}

function ratioText(r: Row): string {
  if (r.ratio === null) return '–';
  return r.unit.includes('/s') && r.ratio < 1 ? `${(r.ratio * 100).toFixed(1)}%` : `${r.ratio.toFixed(2)}×`;
}

const metText = (r: Row) => (r.met === undefined ? '' : r.met === null ? 'n/a' : r.met ? 'yes' : '**no**');

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.case,
    r.metric,
    fmt(r.value, r.unit),
    fmt(r.baseline, r.baseline === null ? '' : r.unit),
    ratioText(r),
    r.target ?? '',
    metText(r).replace(/\*/g, ''),
  ]);
  const head = ['case', 'metric', 'value', 'baseline', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

export function markdownTable(rows: Row[]): string {
  const lines = ['| Case | Metric | Value | Baseline | Ratio | Target | Met? |', '|---|---|---:|---:|---:|---|---|'];
  for (const r of rows) {
    const value = r.value === null ? `– (${r.note ?? 'not measured'})` : fmt(r.value, r.unit);
    lines.push(
      `| ${r.case} | ${r.metric} | ${value} | ${fmt(r.baseline, r.baseline === null ? '' : r.unit)} | ${ratioText(r)} | ${r.target ?? ''} | ${metText(r)} |`,
    );
  }
  return lines.join('\n');
}

export interface RunInfo {
  startedAt: string;
  seconds: number;
  options: string;
  machine: { cores: number; cpuModel: string; memoryGiB: number; kernel: string; node: string };
  postgres: string;
  load: { min: number; mean: number; max: number; samples: number };
  repetitions: number;
  duration: number;
}

const ANALYSIS_MARKER = '<!-- Everything below this line is written by hand and kept when `npm run bench` rewrites the file. -->';

export function writeOutputs(rows: Row[], info: RunInfo, profile: { summary: ProfileSummary; what: string } | null, notes: string[]): void {
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', `${JSON.stringify({ ...info, results: rows }, null, 2)}\n`);

  const docPath = path.join('docs', 'BENCHMARKS.md');
  mkdirSync('docs', { recursive: true });
  const previous = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  const kept = previous.includes(ANALYSIS_MARKER)
    ? previous.slice(previous.indexOf(ANALYSIS_MARKER) + ANALYSIS_MARKER.length)
    : '\n\n## What is left and why\n\n(Write the analysis here.)\n';
  const m = info.machine;
  const profileText = profile
    ? [
        `## Profile`,
        '',
        `${profile.what} Self time ${(profile.summary.totalMs / 1000).toFixed(1)} s (idle excluded), mapped through the build's source maps to the original modules.`,
        '',
        '| Group | Self time | Share |',
        '|---|---:|---:|',
        ...profile.summary.groups.slice(0, 14).map((g) => `| ${g.group} | ${(g.ms / 1000).toFixed(2)} s | ${(g.share * 100).toFixed(1)}% |`),
        '',
        'Top functions by self time:',
        '',
        '| Function | Module | Group | Nearest caller outside Node.js core | Share |',
        '|---|---|---|---|---:|',
        ...profile.summary.functions.map(
          (f) =>
            `| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.source.replace(/\|/g, '\\|').slice(0, 80)} | ${f.group} | ${f.caller.replace(/\|/g, '\\|').slice(0, 90)} | ${(f.share * 100).toFixed(1)}% |`,
        ),
        '',
      ].join('\n')
    : '## Profile\n\nNot run in this invocation (`--only` without `profile`).\n';
  const doc = `# Benchmarks

Generated by \`npm run bench\` (${info.startedAt}, ${Math.round(info.seconds / 60)} min; options: ${info.options || 'none'}).
Each case ran ${info.repetitions} time(s) (${info.duration} s of load each for the Wallet API cases); the value is the median,
every repetition is in \`bench/results.json\`. The baseline of each case was measured in the same run on the same database.

${markdownTable(rows)}

How to read it:
- Wallet API cases: 32 connections (autocannon; two instances: 16 each), distinct cards per request, against the production server
  (\`scripts/next-server.mjs\`: Next.js with the Wallet API's Node.js path) of the production build; the baseline is pgbench running the equivalent SQL transaction
  (\`scripts/bench/sql/*.sql\`, \`-M extended -c 32 -j 2\`) for the same time. Ratios of throughput are the app's share of pgbench.
- *Node CPU* is the server process's user + system time from \`/proc/<pid>/stat\` over the run, divided by the requests;
  *PostgreSQL CPU* the same for the whole cluster (postmaster, live backends, and exited backends through the postmaster's
  cutime/cstime). *SQL statements* are \`pg_stat_statements\` calls of the app's role (BEGIN/COMMIT included, and with \`track=all\` the foreign-key checks PostgreSQL runs inside an INSERT: about 3 per ledger write + audit row, the same in the pgbench scripts), reset before each run;
  the bench's own queries run as another role and are not counted. The server's background worker polls once a second and is
  counted too (≈1 statement/s).
- *Load generator CPU* is autocannon's (it runs in the bench's own process: \`process.cpuUsage()\`) per request, and
  *machine CPU busy* the share of all cores that was busy over the run (\`/proc/stat\`: every process, the load generator
  and pgbench included). Where it is near 100%, throughput is bounded by the machine, not by the server or the database:
  a second instance can only share the same cores.
- The load generator, pgbench and the servers share the machine's cores, and the machine may be shared with other work
  (load average below): compare ratios and CPU per request, not absolute rates, across machines.
${notes.map((n) => `- ${n}`).join('\n')}

## Machine

- ${m.cores} cores, ${m.cpuModel}, ${m.memoryGiB} GiB memory, ${m.kernel}
- Node.js ${m.node}; ${info.postgres}
- Load average (1 min) during the run: min ${info.load.min.toFixed(2)}, mean ${info.load.mean.toFixed(2)}, max ${info.load.max.toFixed(2)} (${info.load.samples} samples)

## How to reproduce

\`\`\`sh
npm run bench                          # next build, then every case 3 times (≈ 25 min on 2 cores)
npx tsx scripts/bench.ts --quick       # existing build; 5 s per load, 1 repetition, a 20,000-card print run
npx tsx scripts/bench.ts --only wallet # one or more of: wallet, two, print-run, release, counter, profile (comma-separated)
\`\`\`

It needs the PostgreSQL 15 server binaries (initdb, pg_ctl, pgbench, psql; as the tests find them) and a production build.
It starts a throwaway cluster with \`pg_stat_statements\`, a migrated database with the demo data and the production server; the
servers' logs and the CPU profile stay in \`.bench/\`. The route-JS measurement needs Chromium (as the e2e tests do).

${profileText}
${ANALYSIS_MARKER}${kept}`;
  writeFileSync(docPath, doc);
}
