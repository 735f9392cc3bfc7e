/**
 * `npm run reliability`: the standing proof that the app holds under races, crashes, hostile
 * input and wrong-account access, never leaks a card secret, and can be backed up and restored.
 *
 *   npm run reliability                 next build, then every section; writes docs/RELIABILITY.md
 *   npx tsx scripts/reliability.ts [--only <section>[,<section>]]
 *                                       against the existing build (required); --only runs some
 *                                       sections and leaves docs/RELIABILITY.md alone
 *
 * It starts a throwaway PostgreSQL cluster (the machine's server binaries, like the tests), gives
 * each section fresh migrated databases with the demo data and real `next start` servers, and
 * collects their probes (scripts/reliability/types.ts) into a table. The results also go to
 * .test-reports/reliability.json. Exits non-zero when any probe did not hold.
 */
import { createSeededDatabase } from '@/lib/testing/seeded-database';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { assertBuilt, startServer, type StartServerOptions, type TestServer } from '@/lib/testing/http-server';
import { startCluster, type Cluster } from '@/lib/testing/pg-cluster';
import { TEST_SECRETS_KEY } from '@/lib/testing/test-keys';
import type { Area, Probe, ReliabilityEnv, Section } from './reliability/types';

/** Mine first, then the sections other parts of the suite contribute (loaded when present). */
const SECTION_FILES = ['races', 'crashes', 'leaks', 'data-safety', 'access-matrix', 'hostile-input'];
const WORK_DIR = path.resolve('.test-reports/reliability');
const REPORT_JSON = path.resolve('.test-reports/reliability.json');
const REPORT_MD = path.resolve('docs/RELIABILITY.md');

interface SectionResult {
  name: string;
  seconds: number;
  probes: Probe[];
}

function parseOnly(): string[] | undefined {
  const i = process.argv.indexOf('--only');
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value) throw new Error('--only needs a section name, e.g. --only races');
  return value.split(',').map((s) => s.trim());
}

async function loadSection(file: string): Promise<Section | undefined> {
  const full = path.resolve('scripts/reliability', `${file}.ts`);
  if (!existsSync(full)) return undefined;
  const loaded = (await import(full)) as { section?: Section };
  if (!loaded.section) throw new Error(`scripts/reliability/${file}.ts exports no \`section\``);
  return loaded.section;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main() {
  try {
    assertBuilt();
  } catch {
    console.error('The reliability suite serves the production build, and there is none: run `npm run reliability` (it builds first) or `npx next build`.');
    process.exit(2);
  }
  // The in-process parts (data safety's embedded round trip) create cards like the servers do.
  process.env.CARDSTOCK_SECRETS_KEY ??= TEST_SECRETS_KEY;
  process.env.LOG_LEVEL ??= 'silent';
  const only = parseOnly();
  const files = only ?? SECTION_FILES;
  for (const name of only ?? []) {
    if (!SECTION_FILES.includes(name)) throw new Error(`unknown section ${name}; sections: ${SECTION_FILES.join(', ')}`);
  }

  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const started = Date.now();
  let cluster: Cluster | undefined;
  const servers = new Set<TestServer>();
  let requests = 0;
  let serverCount = 0;
  const results: SectionResult[] = [];
  let postgresVersion = 'unknown';

  try {
    cluster = await startCluster();
    const clusterUrl = cluster.url;
    const admin = new pg.Client({ connectionString: clusterUrl });
    await admin.connect();
    postgresVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? postgresVersion;
    await admin.end();

    const env: ReliabilityEnv = {
      adminUrl: clusterUrl,
      workDir: WORK_DIR,
      clusterLogFile: cluster.logFile,
      postgresBinDir: cluster.binDir,
      countRequests(n) {
        requests += n;
      },
      async newDatabase(label) {
        return createSeededDatabase(clusterUrl, `rel_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`);
      },
      async startServer(databaseUrl, options: StartServerOptions = {}) {
        serverCount++;
        const server = await startServer(databaseUrl, { ...options, logFile: options.logFile ?? path.join(WORK_DIR, `server-${serverCount}.log`) });
        const tracked: TestServer = {
          ...server,
          async stop() {
            servers.delete(tracked);
            await server.stop();
          },
          async kill() {
            servers.delete(tracked);
            await server.kill();
          },
        };
        servers.add(tracked);
        return tracked;
      },
    };

    for (const file of files) {
      const section = await loadSection(file);
      if (!section) {
        console.log(`- ${file}: not present on this branch, skipped`);
        continue;
      }
      const t0 = Date.now();
      console.log(`▶ ${section.name}`);
      let probes: Probe[];
      try {
        probes = await section.run(env);
      } catch (error) {
        probes = [
          {
            area: areaOf(file),
            name: `${section.name} (section failed)`,
            tried: 0,
            held: false,
            detail: `The section stopped: ${errorText(error)}`.slice(0, 500),
          },
        ];
      }
      const seconds = (Date.now() - t0) / 1000;
      results.push({ name: section.name, seconds, probes });
      for (const p of probes) console.log(`  ${p.held ? '✓' : '✗'} [${p.area}] ${p.name} (${p.tried}): ${p.detail}`);
      console.log(`  ${seconds.toFixed(1)} s`);
      for (const server of [...servers]) await server.stop(); // a section that left one behind
    }
  } finally {
    for (const server of [...servers]) await server.stop().catch(() => {});
    await cluster?.stop().catch(() => {});
  }

  const seconds = (Date.now() - started) / 1000;
  const probes = results.flatMap((r) => r.probes);
  const sum = (area: Area) => probes.filter((p) => p.area === area).reduce((n, p) => n + p.tried, 0);
  const totals = {
    requests,
    races: sum('races'),
    crashes: sum('crashes'),
    inputs: sum('hostile input'),
    leaksSearched: sum('leaks'),
    leaksFound: probes.filter((p) => p.area === 'leaks').reduce((n, p) => n + (p.failures ?? (p.held ? 0 : 1)), 0),
    accessCells: sum('access'),
    dataSafety: sum('data safety'),
    probes: probes.length,
    notHeld: probes.filter((p) => !p.held).length,
    failures: probes.reduce((n, p) => n + (p.held ? 0 : (p.failures ?? 1)), 0),
  };
  const machine = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown'}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: postgresVersion,
    seconds: Math.round(seconds),
  };
  mkdirSync(path.dirname(REPORT_JSON), { recursive: true });
  writeFileSync(REPORT_JSON, `${JSON.stringify({ machine, totals, sections: results }, null, 2)}\n`);
  if (!only) {
    mkdirSync(path.dirname(REPORT_MD), { recursive: true });
    writeFileSync(REPORT_MD, markdown(results, totals, machine));
  }

  console.log('');
  console.log(
    `Requests ${totals.requests}, races ${totals.races}, crashes ${totals.crashes}, inputs ${totals.inputs}, leaks found ${totals.leaksFound}, access cells ${totals.accessCells}.`,
  );
  console.log(
    `${probes.length - totals.notHeld}/${probes.length} probes held in ${machine.seconds} s.${only ? '' : ` Written to ${path.relative(process.cwd(), REPORT_MD)}.`}`,
  );
  process.exit(totals.notHeld === 0 && probes.length > 0 ? 0 : 1);
}

function areaOf(file: string): Area {
  const areas: Record<string, Area> = {
    races: 'races',
    crashes: 'crashes',
    leaks: 'leaks',
    'data-safety': 'data safety',
    'access-matrix': 'access',
    'hostile-input': 'hostile input',
  };
  return areas[file] ?? 'races';
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdown(
  results: SectionResult[],
  totals: Record<string, number>,
  machine: { date: string; commit: string; os: string; cpus: string; memoryGb: number; node: string; postgres: string; seconds: number },
): string {
  const lines = [
    '# Reliability',
    '',
    '<!-- Generated by `npm run reliability` (scripts/reliability.ts). Do not edit by hand: run it again. -->',
    '',
    `What \`npm run reliability\` tried against the production build (the production server, \`scripts/next-server.mjs\`) on PostgreSQL ${machine.postgres}, and what held.`,
    `Run of ${machine.date.slice(0, 10)} at commit \`${machine.commit}\`: ${totals.probes! - totals.notHeld!} of ${totals.probes} probes held.`,
    '',
    '## Totals',
    '',
    '| | |',
    '|---|---:|',
    `| HTTP requests sent | ${totals.requests} |`,
    `| Races (concurrent bursts, each over two servers) | ${totals.races} |`,
    `| Crashes (SIGKILL of a server mid-work) | ${totals.crashes} |`,
    `| Hostile inputs | ${totals.inputs} |`,
    `| Places searched for secrets | ${totals.leaksSearched} |`,
    `| **Leaks found** | **${totals.leaksFound}** |`,
    `| Access cells (role × route × account) | ${totals.accessCells} |`,
    `| Backup/restore checks | ${totals.dataSafety} |`,
    `| Probes that did not hold | ${totals.notHeld} |`,
    '',
    '## What was tried',
    '',
    '| Area | What was tried | Tried | Held |',
    '|---|---|---:|:---:|',
  ];
  for (const r of results) {
    for (const p of r.probes) lines.push(`| ${p.area} | **${cell(p.name)}**: ${cell(p.detail)} | ${p.tried} | ${p.held ? 'yes' : '**NO**'} |`);
  }
  lines.push(
    '',
    '"Tried" counts rounds of a race, server kills, generated inputs, searched places (log files, tables, pages, responses) or access cells, as the probe says.',
    '',
    '## Sections',
    '',
    '| Section | Probes | Seconds |',
    '|---|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${r.probes.length} | ${r.seconds.toFixed(1)} |`),
    '',
    '## Machine',
    '',
    `- ${machine.os}, ${machine.cpus}, ${machine.memoryGb} GB RAM`,
    `- Node.js ${machine.node}, PostgreSQL ${machine.postgres} (a throwaway cluster started by the run)`,
    `- Whole run: ${machine.seconds} s, build not included`,
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run reliability          # next build, then every section; rewrites this file',
    'npx tsx scripts/reliability.ts --only races   # one section against the existing build',
    '```',
    '',
    'It needs the PostgreSQL server binaries on the machine (`initdb`, `pg_ctl`, `pg_dump`, `pg_restore`; Debian: `apt-get install postgresql`, or set `PG_BIN_DIR`).',
    'Server logs and scratch files of the last run are in `.test-reports/reliability/`, the figures in `.test-reports/reliability.json`.',
    'Each section is a file in `scripts/reliability/`; `scripts/reliability/types.ts` describes what a probe reports.',
    '',
  );
  return lines.join('\n');
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
