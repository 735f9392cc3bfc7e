/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp dir, start on a free port, remove
 * everything on stop. Uses the server binaries found on the machine (PG_BIN_DIR, PATH, or
 * /usr/lib/postgresql/<version>/bin). initdb refuses to run as root, so as root the cluster runs
 * as the `postgres` system user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  url: string;
  /** The server's own log (removed with the cluster on stop). */
  logFile: string;
  /** The directory of the server binaries it runs (pg_dump, pg_restore live there too). */
  binDir: string;
  /** The cluster's data directory (postmaster.pid there names the server process). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra server settings, passed as `-c name=value` (e.g. shared_preload_libraries). */
  settings?: Record<string, string>;
}

export const NO_POSTGRES_MESSAGE =
  'Tests need a real PostgreSQL. Either set TEST_DATABASE_URL=postgres://user:pass@host:port/db ' +
  '(a role that may CREATE DATABASE), or install the PostgreSQL server binaries ' +
  '(Debian: apt-get install postgresql) so the tests can start a throwaway cluster.';

export function findPostgresBinDir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) candidates.push(path.dirname(which.stdout.trim()));
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debianRoot, v, 'bin'));
  }
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error(NO_POSTGRES_MESSAGE);
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cardstock-pg-'));
  const dataDir = path.join(dir, 'data');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[]) => {
    const command = isRoot ? 'runuser' : path.join(binDir, bin);
    const fullArgs = isRoot ? ['-u', 'postgres', '--', path.join(binDir, bin), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr || result.stdout}`);
  };

  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  const port = await freePort();
  const extra = Object.entries(options.settings ?? {})
    .map(([name, value]) => ` -c ${name}=${value}`)
    .join('');
  const serverOptions = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300${extra}`;
  const logFile = path.join(dir, 'server.log');
  run('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', 'start']);

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    logFile,
    binDir,
    dataDir,
    async stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
