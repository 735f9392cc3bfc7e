/**
 * Applies the checked-in SQL migrations (prisma/migrations/<name>/migration.sql) in name order,
 * each in its own transaction, and records them in a `_prisma_migrations` table compatible with
 * `prisma migrate deploy` — so either tool can take over a database the other started.
 *
 * We run the SQL ourselves because Prisma's CLI needs a native schema-engine binary that cannot be
 * installed on every machine (see README, "Migrations"). Same guarantees as migrate deploy:
 * safe to run twice, and a history that has drifted (an applied migration edited, missing locally,
 * or left half-applied) is refused with a message saying which one and what to do.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

/** Arbitrary constant: serialises concurrent migrators on one database. */
const ADVISORY_LOCK_KEY = 7_202_611;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationDriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationDriftError';
  }
}

export function readLocalMigrations(dir: string = MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/** Checks the recorded history against the local files; throws MigrationDriftError on drift. */
export function findPending(local: LocalMigration[], applied: AppliedRow[]): LocalMigration[] {
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of applied) {
    if (row.finished_at === null) {
      throw new MigrationDriftError(
        `Migration ${row.migration_name} was started but never finished. Inspect the database, repair it, ` +
          `then mark it resolved (delete its row from _prisma_migrations or set rolled_back_at) and run again.`,
      );
    }
    const mine = byName.get(row.migration_name);
    if (!mine) {
      throw new MigrationDriftError(
        `The database has migration ${row.migration_name}, which is not in prisma/migrations. ` +
          `This checkout is older than the database, or a migration was deleted. Refusing to continue.`,
      );
    }
    if (mine.checksum !== row.checksum) {
      throw new MigrationDriftError(
        `Migration ${row.migration_name} was modified after it was applied (checksum mismatch). ` +
          `Never edit an applied migration: restore the file and create a new migration instead.`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return local.filter((m) => !done.has(m.name));
}

export function managesOwnTransaction(sql: string): boolean {
  return /^\s*(BEGIN|COMMIT|START TRANSACTION)\s*;/im.test(sql);
}

async function applyUnwrapped(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [
    id,
    migration.checksum,
    migration.name,
  ]);
  try {
    await client.query(migration.sql);
  } catch (error) {
    // Left unfinished on purpose: the next run refuses until someone has looked (like migrate deploy).
    await client.query('ROLLBACK').catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed part-way; repair the database, then resolve it: ${reason}`);
  }
  await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
}

export async function migrate(databaseUrl: string, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const local = readLocalMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at',
    );
    const pending = findPending(local, rows);
    for (const migration of pending) {
      log(`Applying ${migration.name}`);
      // A migration that manages its own transaction (Prisma emits BEGIN/COMMIT for some enum
      // changes) runs as written; wrapping it would let its COMMIT end ours half-way.
      if (managesOwnTransaction(migration.sql)) {
        await applyUnwrapped(client, migration);
        continue;
      }
      await client.query('BEGIN');
      try {
        const id = randomUUID();
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [
          id,
          migration.checksum,
          migration.name,
        ]);
        await client.query(migration.sql);
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`);
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
