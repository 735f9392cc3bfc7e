/**
 * One measured load: autocannon against the servers, or pgbench against the database, with the
 * CPU the server processes and the PostgreSQL cluster used meanwhile and the statements the
 * database ran (pg_stat_statements, role postgres), both divided by the requests served.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request, type Result } from 'autocannon';
import type { TestServer } from '@/lib/testing/http-server';
import { clusterCpuMs, machineCpuTicks, processCpuMs } from './proc';
import type { BenchDb } from './setup';

export interface LoadResult {
  /** Completed requests (autocannon) or transactions (pgbench) per second. */
  perSecond: number;
  p50: number;
  p99: number;
  completed: number;
  /** Responses other than 2xx, plus socket errors and timeouts (autocannon); failed transactions (pgbench). */
  failures: number;
  /** Node CPU of the server process(es) per completed request, ms (0 for pgbench). */
  nodeCpuMs: number;
  /** CPU of every PostgreSQL process per completed request, ms. */
  pgCpuMs: number;
  /** Statements PostgreSQL executed per completed request. */
  statements: number;
  /** pg_stat_statements total_exec_time per completed request, ms (execution only, no parse/plan). */
  pgExecMs: number;
  /** CPU of the load generator per completed request, ms: autocannon runs in this process; pgbench is its own (0 here). */
  loaderCpuMs: number;
  /** How busy the machine's cores were over the run, 0–1 (every process, the load generator included). */
  machineBusy: number;
  detail?: Record<string, number>;
}

async function measured(
  db: BenchDb,
  pids: number[],
  run: () => Promise<Omit<LoadResult, 'nodeCpuMs' | 'pgCpuMs' | 'statements' | 'pgExecMs' | 'loaderCpuMs' | 'machineBusy'>>,
  options: { loaderInProcess: boolean },
): Promise<LoadResult> {
  await db.resetStatements();
  const node0 = pids.reduce((t, pid) => t + processCpuMs(pid), 0);
  const pg0 = clusterCpuMs(db.cluster.dataDir);
  const self0 = process.cpuUsage();
  const machine0 = machineCpuTicks();
  const result = await run();
  const machine1 = machineCpuTicks();
  const self = process.cpuUsage(self0);
  const node1 = pids.reduce((t, pid) => t + processCpuMs(pid), 0);
  const pg1 = clusterCpuMs(db.cluster.dataDir);
  const stmts = await db.countStatements();
  const per = (x: number) => (result.completed > 0 ? x / result.completed : NaN);
  return {
    ...result,
    nodeCpuMs: per(node1 - node0),
    pgCpuMs: per(pg1 - pg0),
    statements: per(stmts.calls),
    pgExecMs: per(stmts.execMs),
    loaderCpuMs: options.loaderInProcess ? per((self.user + self.system) / 1000) : 0,
    machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total),
  };
}

export interface CannonOptions {
  servers: { server: TestServer; headers: Record<string, string> }[];
  connections: number;
  duration: number;
  /** The request sequence each connection loops over (shared closures give distinct cards across servers). */
  requests: () => Request[];
}

export async function runAutocannon(db: BenchDb, options: CannonOptions): Promise<LoadResult> {
  const per = Math.floor(options.connections / options.servers.length);
  return measured(
    db,
    options.servers.map((s) => s.server.pid),
    async () => {
      const multi = options.servers.length > 1;
      const results: Result[] = await Promise.all(
        options.servers.map(({ server, headers }) =>
          autocannon({
            url: server.baseUrl,
            connections: per,
            duration: options.duration,
            timeout: 30,
            headers: { 'content-type': 'application/json', ...headers },
            requests: options.requests(),
            skipAggregateResult: multi,
          }),
        ),
      );
      const r = multi ? autocannon.aggregateResult(results, { url: options.servers[0]!.server.baseUrl, connections: options.connections }) : results[0]!;
      const completed = r.requests.total;
      return {
        perSecond: completed / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        completed,
        failures: r.non2xx + r.errors + r.timeouts,
        detail: { non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts },
      };
    },
    { loaderInProcess: true },
  );
}

export interface PgbenchOptions {
  script: string;
  clients: number;
  threads: number;
  duration: number;
  defines?: Record<string, string | number>;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function runPgbench(db: BenchDb, options: PgbenchOptions): Promise<LoadResult> {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'cardstock-pgbench-'));
  try {
    return await measured(
      db,
      [],
      async () => {
        const args = [
          '-n',
          '-M',
          'extended',
          '-c',
          String(options.clients),
          '-j',
          String(options.threads),
          '-T',
          String(options.duration),
          '-f',
          options.script,
          '-l',
          `--log-prefix=${path.join(logDir, 'pgbench')}`,
          ...Object.entries(options.defines ?? {}).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
          '-h',
          db.host,
          '-p',
          db.port,
          '-U',
          'postgres',
          db.name,
        ];
        const child = spawn(db.pgbench, args, { cwd: logDir, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        const code = await new Promise<number>((resolve, reject) => {
          child.on('error', reject);
          child.on('exit', (c) => resolve(c ?? 1));
        });
        const tps = Number(out.match(/tps = ([\d.]+) \(without initial connection time\)/)?.[1] ?? NaN);
        const processed = Number(out.match(/number of transactions actually processed: (\d+)/)?.[1] ?? 0);
        const failed = Number(out.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
        if (code !== 0 || !Number.isFinite(tps))
          throw new Error(`pgbench ${path.basename(options.script)} failed (exit ${code}):\n${err.slice(-1500)}\n${out.slice(-800)}`);
        // Per-transaction log: client_id transaction_no time_us script_no epoch epoch_us
        const latencies: number[] = [];
        for (const file of readdirSync(logDir).filter((f) => f.startsWith('pgbench'))) {
          for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
            const us = Number(line.split(' ')[2]);
            if (Number.isFinite(us) && line) latencies.push(us / 1000);
          }
        }
        latencies.sort((a, b) => a - b);
        return { perSecond: tps, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), completed: processed, failures: failed };
      },
      { loaderInProcess: false },
    );
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}
