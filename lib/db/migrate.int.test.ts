import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '@/lib/testing/test-database';
import { migrate, MigrationDriftError, readLocalMigrations } from './migrate';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  it('apply from zero and create every table of the model', async () => {
    const local = readLocalMigrations();
    expect(local.length).toBeGreaterThan(0);
    const result = await migrate(database.url);
    expect(result.applied).toEqual(local.map((m) => m.name));
    const tables = await query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        '_prisma_migrations',
        'accounts',
        'api_clients',
        'audit_events',
        'batches',
        'card_transactions',
        'cards',
        'secret_vault_chunks',
        'stores',
        'users',
      ]),
    );
  });

  it('record what was applied like prisma migrate deploy', async () => {
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(readLocalMigrations().map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('are a no-op the second time', async () => {
    const result = await migrate(database.url);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(readLocalMigrations().length);
  });

  it('refuse a history whose applied migration was edited, and change nothing', async () => {
    const [first] = readLocalMigrations();
    await query('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', ['0'.repeat(64), first!.name]);
    await expect(migrate(database.url)).rejects.toThrow(MigrationDriftError);
    await query('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [first!.checksum, first!.name]);
    expect((await migrate(database.url)).applied).toEqual([]);
  });

  it('refuse a database that has a migration this checkout does not know', async () => {
    await query("INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at) VALUES ('x', 'y', '29990101000000_future', now())");
    await expect(migrate(database.url)).rejects.toThrow(/29990101000000_future/);
    await query("DELETE FROM _prisma_migrations WHERE id = 'x'");
  });

  it('roll back a failing migration completely', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, cpSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cardstock-migrations-'));
    cpSync('prisma/migrations', dir, { recursive: true });
    mkdirSync(path.join(dir, '29990101000000_broken'));
    writeFileSync(path.join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "half_done" (id int);\nSELECT no_such_function();\n');
    await expect(migrate(database.url, { dir })).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const leftovers = await query("SELECT to_regclass('public.half_done') AS t");
    expect(leftovers[0]).toEqual({ t: null });
    const recorded = await query("SELECT 1 FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'");
    expect(recorded).toHaveLength(0);
  });
});
