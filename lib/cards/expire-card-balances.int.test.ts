/** The expiry job: books an expired card's available balance off once, however many runs race. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransaction } from '@/lib/cards/create-transaction';
import { createTransactionSchema } from '@/lib/cards/schemas';
import { settleTransaction } from '@/lib/cards/settle-transaction';
import { activateAtStore } from '@/lib/counter/activate-at-store';
import { activateAtStoreSchema } from '@/lib/counter/schemas';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { ledgerAmounts } from './amounts';
import { expireCardBalances } from './expire-card-balances';

describe('booking off expired balances', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  async function soldCard(amount = '300') {
    const id = freshId('ex');
    const { cards } = await seedCards(c.api, [id]);
    await activateAtStore(c.osloClerk, activateAtStoreSchema.parse({ cardId: id, amount, requestKey: randomUUID(), storeId: c.oslo.id }));
    const card = await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });
    return { pk: card.id, token: cards[0]!.token };
  }
  const rowsOf = (pk: string) => t.db.cardTransaction.findMany({ where: { cardPk: pk }, orderBy: { seq: 'asc' } });

  it('books the balance off once under concurrent runs, leaving the cache equal to the ledger', async () => {
    const { pk } = await soldCard();
    const valid = await soldCard();
    await t.db.card.update({ where: { id: pk }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await Promise.all([expireCardBalances(), expireCardBalances(), expireCardBalances()]);
    const rows = await rowsOf(pk);
    expect(rows.map((r) => [r.kind, r.amount, r.balanceAfter])).toEqual([
      ['FUND', BigInt(30_000), BigInt(30_000)],
      ['EXPIRY', BigInt(30_000), BigInt(0)],
    ]);
    expect(rows[1]!.saleStoreId).toBe(c.oslo.id);
    const card = await t.db.card.findUniqueOrThrow({ where: { id: pk } });
    expect(card.balance).toBe((await ledgerAmounts(t.db, [pk])).get(pk)!.amount_balance);
    expect(card.balance).toBe(BigInt(0));
    // A card still valid is untouched.
    expect((await rowsOf(valid.pk)).map((r) => r.kind)).toEqual(['FUND']);
    const audit = await t.db.auditEvent.findMany({ where: { action: 'card.expiry_booked', targetId: pk } });
    expect(audit).toHaveLength(1);
    // One cardstock_card_expired webhook event, in the booking's transaction, naming no secret.
    const events = await t.db.outboxEvent.findMany({ where: { event: 'cardstock_card_expired', payload: { path: ['card', 'id'], equals: pk } } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ transaction_id: rows[1]!.id, amount_expired: 30_000, currency: 'NOK' });
    expect(JSON.stringify(events[0]!.payload)).not.toMatch(/token|pin/i);
  });

  it('leaves an open reservation capturable; a void after expiry is booked off at the next run', async () => {
    const { pk, token } = await soldCard();
    const reserve = await createTransaction(
      c.api,
      createTransactionSchema.parse({ ref_id: randomUUID(), amount: 10_000, currency: 'NOK', token, pending: true }),
    );
    await t.db.card.update({ where: { id: pk }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await expireCardBalances()).toBeGreaterThanOrEqual(1);
    expect((await t.db.card.findUniqueOrThrow({ where: { id: pk } })).balance).toBe(BigInt(10_000));
    await settleTransaction(c.api, reserve.transaction.id, { kind: 'void', input: { ref_id: randomUUID() } });
    await expireCardBalances();
    const rows = await rowsOf(pk);
    expect(rows.map((r) => [r.kind, r.amount])).toEqual([
      ['FUND', BigInt(30_000)],
      ['RESERVE', BigInt(10_000)],
      ['EXPIRY', BigInt(20_000)],
      ['RELEASE', BigInt(10_000)],
      ['EXPIRY', BigInt(10_000)],
    ]);
    expect(rows.at(-1)!.balanceAfter).toBe(BigInt(0));
  });
});
