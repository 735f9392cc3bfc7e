/**
 * Backups of either database (`npm run db:backup` / `npm run db:restore`, README "Backups").
 *
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom`, a consistent snapshot taken while the
 *   app runs; restored with `pg_restore --clean --if-exists --single-transaction`, so a restore
 *   that fails changes nothing. The client tools come from the machine (PG_BIN_DIR, PATH, or
 *   /usr/lib/postgresql/<version>/bin, newest first) and must be at least the server's version.
 * - Embedded (PGlite under CARDSTOCK_DATA_DIR): PGlite's own dump of its data directory, a
 *   gzipped tarball. PGlite is one process's database, so the app must be stopped for both a
 *   backup and a restore (refused otherwise). A restore moves the current data directory aside
 *   (`pgdata.before-restore-<time>`) instead of deleting it.
 *
 * Both backups hold the vault of unreleased print-file secrets (encrypted: it needs the secrets
 * key, which is not in the backup) and every card's hashes; keep them as safe as the database.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { getEnv } from '@/lib/env';
import { findRunningEmbedded } from './embedded';

export type BackupKind = 'postgres' | 'embedded';

/** The client tool `name` (pg_dump, pg_restore) of the machine's PostgreSQL, or undefined. */
export function findPostgresTool(name: 'pg_dump' | 'pg_restore'): string | undefined {
  const candidates: string[] = [];
  const configured = getEnv().PG_BIN_DIR;
  if (configured) candidates.push(configured);
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    for (const v of readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debianRoot, v, 'bin'));
  }
  const found = candidates.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
  if (found) return found;
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

function runTool(name: 'pg_dump' | 'pg_restore', args: string[]): void {
  const tool = findPostgresTool(name);
  if (!tool) throw new Error(`${name} not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or set PG_BIN_DIR.`);
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${name} failed: ${(result.stderr || result.stdout || `exit ${result.status}`).trim()}`);
}

/** Which kind of backup a file is, from its first bytes (custom-format dumps start with PGDMP). */
export function backupKindOf(file: string): BackupKind | undefined {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  return undefined;
}

export function backupPostgres(databaseUrl: string, file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${databaseUrl}`]);
}

/** Replaces the objects in the backup (tables, types, indexes, data) in one transaction. */
export function restorePostgres(databaseUrl: string, file: string): void {
  runTool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${databaseUrl}`,
    file,
  ]);
}

function pgdataOf(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

async function assertEmbeddedStopped(dataDir: string, what: string): Promise<void> {
  if (await findRunningEmbedded(dataDir)) {
    throw new Error(`The embedded database in ${dataDir} is in use (the app is running): stop it before the ${what}. PGlite is a single-process database.`);
  }
}

export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  await assertEmbeddedStopped(dataDir, 'backup');
  if (!existsSync(pgdataOf(dataDir))) throw new Error(`No embedded database in ${dataDir} (no pgdata directory).`);
  const db = await PGlite.create({ dataDir: pgdataOf(dataDir) });
  try {
    const dump = await db.dumpDataDir('gzip');
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/** Restores into CARDSTOCK_DATA_DIR; returns where the replaced data directory was moved, if any. */
export async function restoreEmbedded(dataDir: string, file: string, now = new Date()): Promise<string | undefined> {
  await assertEmbeddedStopped(dataDir, 'restore');
  const target = pgdataOf(dataDir);
  let movedTo: string | undefined;
  if (existsSync(target)) {
    movedTo = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, movedTo);
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create({ dataDir: target, loadDataDir: new Blob([readFileSync(file)]) });
    try {
      await db.query('SELECT 1 FROM _prisma_migrations LIMIT 1');
    } finally {
      await db.close();
    }
  } catch (error) {
    if (movedTo) {
      // Put the previous database back: a failed restore changes nothing.
      rmSync(target, { recursive: true, force: true });
      renameSync(movedTo, target);
    }
    throw error;
  }
  return movedTo;
}
