/** The migration that adds the running balance fills it in for a ledger written before it. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readLocalMigrations } from '@/lib/db/migrate';
import { createEmptyDatabase } from '@/lib/testing/test-database';

const MIGRATION = 'reports_ledger_running_balance';

describe('running-balance migration', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let before: string;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    // The migrations up to (not including) this one, as a database would have had them.
    before = mkdtempSync(path.join(tmpdir(), 'cardstock-migrations-'));
    for (const m of readLocalMigrations()) {
      if (m.name.endsWith(MIGRATION)) break;
      cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true });
    }
    cpSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
  });
  afterAll(async () => {
    rmSync(before, { recursive: true, force: true });
    await database.drop();
  });

  it('computes balance_after per card in the order rows were written, and the store of sale', async () => {
    await migrate(database.url, { dir: before });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
      await q(`INSERT INTO accounts (id, name, default_currency, updated_at) VALUES ('T00000042', 'Old chain', 'NOK', now())`);
      const store = (
        await q(`INSERT INTO stores (id, account_id, name, currency, updated_at) VALUES (gen_random_uuid(), 'T00000042', 'Oslo', 'NOK', now()) RETURNING id`)
      ).rows[0].id;
      const sold = (
        await q(
          `INSERT INTO cards (account_id, card_id, status, currency, balance, activated_store_id, created_by, id) VALUES ('T00000042', 'old-1', 'active', 'NOK', 33000, $1, 'x', gen_random_uuid()) RETURNING id`,
          [store],
        )
      ).rows[0].id;
      const undone = (
        await q(
          `INSERT INTO cards (account_id, card_id, status, created_by, id) VALUES ('T00000042', 'old-2', 'inactive', 'x', gen_random_uuid()) RETURNING id`,
        )
      ).rows[0].id;
      const row = (card: string, kind: string, amount: number, ref: string, at: string) =>
        q(
          `INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, created_by, created_at)
           VALUES (gen_random_uuid(), 'T00000042', $1, $2, $3, $4, 'NOK', $5, 'x', $6)`,
          [card, kind === 'FUND' ? 'fund' : 'drawdown', kind, amount, ref, at],
        );
      // Written out of time order on purpose: the backfill orders by time, not by insertion.
      await row(sold, 'CAPTURE', 5_000, 'c', '2026-01-04T00:00:00Z');
      await row(sold, 'FUND', 50_000, 'activation:1', '2026-01-01T00:00:00Z');
      await row(sold, 'DRAWDOWN', 12_000, 'd', '2026-01-02T00:00:00Z');
      await row(sold, 'RESERVE', 5_000, 'r', '2026-01-03T00:00:00Z');
      await row(undone, 'FUND', 20_000, 'activation:2', '2026-01-01T00:00:00Z');
      await row(undone, 'REVERSAL', 20_000, 'activation-undo:2', '2026-01-01T00:05:00Z');

      await migrate(database.url);
      const rows = (
        await q(
          `SELECT card_pk, kind, balance_after::int AS after, seq::int AS seq, sale_store_id, store_id FROM card_transactions ORDER BY card_pk = $1 DESC, created_at`,
          [sold],
        )
      ).rows;
      expect(rows.map((r) => [r.kind, r.after])).toEqual([
        ['FUND', 50_000],
        ['DRAWDOWN', 38_000],
        ['RESERVE', 38_000],
        ['CAPTURE', 33_000],
        ['FUND', 20_000],
        ['REVERSAL', 0],
      ]);
      const soldRows = rows.slice(0, 4);
      expect(soldRows.map((r) => r.seq)).toEqual([...soldRows.map((r) => r.seq)].sort((a, b) => a - b));
      expect(soldRows.every((r) => r.sale_store_id === store)).toBe(true);
      expect(soldRows.map((r) => r.store_id)).toEqual([store, null, null, null]);
      // A row written after the migration gets the next seq.
      const next = await q(
        `INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, created_by, balance_after) VALUES (gen_random_uuid(), 'T00000042', $1, 'drawdown', 'DRAWDOWN', 1, 'NOK', 'n', 'x', 32999) RETURNING seq::int AS seq`,
        [sold],
      );
      expect(next.rows[0].seq).toBeGreaterThan(Math.max(...rows.map((r) => r.seq)));
      await expect(
        q(
          `INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, created_by, balance_after) VALUES (gen_random_uuid(), 'T00000042', $1, 'drawdown', 'DRAWDOWN', 1, 'NOK', 'm', 'x', -1)`,
          [sold],
        ),
      ).rejects.toThrow(/balance_after_check/);
      // The backfill set the append-only trigger aside for itself only: history is protected again.
      await expect(q(`UPDATE card_transactions SET balance_after = 0 WHERE ref_id = 'n'`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
