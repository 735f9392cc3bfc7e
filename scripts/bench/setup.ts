/**
 * What the bench runs on: a throwaway PostgreSQL 15 cluster (as the tests start one) with
 * pg_stat_statements loaded, a migrated database with the demo data, and production servers (scripts/next-server.mjs)
 * on it. The bench's own queries run as a separate role (`bench`), so statement counts taken
 * from pg_stat_statements for the `postgres` role are the app's (and pgbench's) alone.
 */
import { createSeededDatabase } from '@/lib/testing/seeded-database';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startServer, type TestServer } from '@/lib/testing/http-server';
import { findPostgresBinDir, startCluster, type Cluster } from '@/lib/testing/pg-cluster';

export const BENCH_DIR = path.resolve('.bench');

/** A PostgreSQL client tool (pgbench, psql): beside the server binaries, or in /usr/lib/postgresql/<v>/bin. */
export function pgTool(binDir: string, name: string): string {
  const candidates = [path.join(binDir, name)];
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    for (const v of readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debianRoot, v, 'bin', name));
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`npm run bench needs ${name} (PostgreSQL client tools), looked in ${candidates.join(', ')}`);
  return found;
}

export interface BenchDb {
  cluster: Cluster;
  /** The app's database URL (role postgres). */
  url: string;
  name: string;
  host: string;
  port: string;
  pgbench: string;
  psql: string;
  /** Pool on the bench database as role `bench` (not counted in the statement statistics). */
  pool: pg.Pool;
  /** Forget the statement statistics. */
  resetStatements(): Promise<void>;
  /** Statements the `postgres` role ran in the bench database since the last reset. */
  countStatements(): Promise<{ calls: number; execMs: number }>;
  stop(): Promise<void>;
}

export async function startBenchDb(): Promise<BenchDb> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('npm run bench needs the PostgreSQL 15 server binaries (initdb, pg_ctl, pgbench).');
  const cluster = await startCluster({
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', max_wal_size: '4GB' },
  });
  const name = `cardstock_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(await createSeededDatabase(cluster.url, name));
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE ROLE bench LOGIN SUPERUSER');
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await admin.end();
  const benchUrl = new URL(url);
  benchUrl.username = 'bench';
  const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: 4 });
  const statsUrl = new URL(cluster.url);
  statsUrl.username = 'bench';
  const stats = new pg.Pool({ connectionString: statsUrl.toString(), max: 1 });
  mkdirSync(BENCH_DIR, { recursive: true });

  return {
    cluster,
    url: url.toString(),
    name,
    host: url.hostname,
    port: url.port,
    pgbench: pgTool(binDir, 'pgbench'),
    psql: pgTool(binDir, 'psql'),
    pool,
    async resetStatements() {
      await stats.query('SELECT pg_stat_statements_reset()');
    },
    async countStatements() {
      const { rows } = await stats.query<{ calls: string | null; exec_ms: number | null }>(
        `SELECT sum(calls) AS calls, sum(total_exec_time) AS exec_ms FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1) AND userid = 'postgres'::regrole`,
        [name],
      );
      return { calls: Number(rows[0]?.calls ?? 0), execMs: Number(rows[0]?.exec_ms ?? 0) };
    },
    async stop() {
      await pool.end().catch(() => {});
      await stats.end().catch(() => {});
      await cluster.stop();
    },
  };
}

/** The production server (scripts/next-server.mjs) on the production build on the bench database (its log in .bench/). */
export async function startBenchServer(db: BenchDb, label: string, nodeArgs: string[] = []): Promise<TestServer> {
  return startServer(db.url, { logFile: path.join(BENCH_DIR, `server-${label}.log`), nodeArgs });
}
