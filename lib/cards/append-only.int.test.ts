/**
 * The database itself refuses to change history (issue 12): UPDATE, DELETE and TRUNCATE on the
 * ledger and the audit log fail whatever client sends them, on both databases; INSERT works. And
 * `checkLedger` (npm run check:ledger) finds a card whose cached balance has drifted from its ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { checkLedger } from './check-ledger';
import { createCard } from './create-card';
import { createTransaction } from './create-transaction';
import { deleteCard } from './delete-card';
import { createCardSchema, createTransactionSchema } from './schemas';

describe('append-only history and the ledger check', () => {
  let t: TestDatabase;
  let api: ApiClientActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    api = { kind: 'api_client', apiClientId: '00000000-0000-0000-0000-0000000000d1', clientId: 'hist', accountId: account.id, scopes: ['admin:wallets'] };
    await createCard(api, createCardSchema.parse({ card_id: 'hist-1', amount: 5000, currency: 'NOK' }));
    await createTransaction(api, createTransactionSchema.parse({ card_id: 'hist-1', ref_id: 'r1', amount: 1200, currency: 'NOK' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['card_transactions', 'audit_events'])('refuses UPDATE, DELETE and TRUNCATE on %s', async (table) => {
    const before = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM ${table}`);
    expect(Number(before[0]!.n)).toBeGreaterThan(0);
    const column = table === 'card_transactions' ? 'amount = amount + 1' : "action = 'edited'";
    await expect(t.db.$executeRawUnsafe(`UPDATE ${table} SET ${column}`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
    const after = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM ${table}`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('finds no mismatch after real operations (a write-off included), and names a card whose cache drifted', async () => {
    await createCard(api, createCardSchema.parse({ card_id: 'hist-2', amount: 700, currency: 'NOK' }));
    await deleteCard(api, 'hist-2', { balance: 'write_off' });
    const clean = await checkLedger(t.db);
    expect(clean).toMatchObject({ mismatchCount: 0, mismatches: [] });
    expect(clean.ledgerRows).toBeGreaterThanOrEqual(4);

    // Only the cached column can drift (the ledger cannot be edited): simulate a bad write to it.
    await t.db.card.updateMany({ where: { cardId: 'hist-1' }, data: { balance: { increment: 1 } } });
    const drifted = await checkLedger(t.db);
    expect(drifted.mismatchCount).toBe(1);
    expect(drifted.mismatches[0]).toMatchObject({ cardId: 'hist-1', cachedBalance: 3801n, ledgerBalance: 3800n, runningBalance: 3800n });
    await t.db.card.updateMany({ where: { cardId: 'hist-1' }, data: { balance: { decrement: 1 } } });
  });

  it("checks each card's running balance (balance_after of its newest row) against the sum of its rows", async () => {
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'hist-1' } });
    const newest = await t.db.cardTransaction.findFirstOrThrow({ where: { cardPk: card.id }, orderBy: { seq: 'desc' } });
    expect(newest.balanceAfter).toBe(3800n);
    // A row whose running balance disagrees with the sum (only an INSERT can get one in; a
    // reservation, so the balance sums stay equal and only balance_after is wrong).
    await t.db.$executeRaw`INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, created_by, balance_after)
      VALUES (gen_random_uuid(), ${card.accountId}, ${card.id}::uuid, 'drawdown', 'RESERVE', 1, 'NOK', 'bad-running', 'x', 3000)`;
    const report = await checkLedger(t.db);
    expect(report.mismatches).toEqual([expect.objectContaining({ cardId: 'hist-1', ledgerBalance: 3800n, cachedBalance: 3800n, runningBalance: 3000n })]);
  });
});
