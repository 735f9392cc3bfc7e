/** Undoing a counter activation, on both databases. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { ledgerAmounts } from '@/lib/cards/amounts';
import { createTransaction } from '@/lib/cards/create-transaction';
import { createTransactionSchema } from '@/lib/cards/schemas';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateAtStore } from './activate-at-store';
import { activateAtStoreSchema } from './schemas';
import { undoActivation } from './undo-activation';

describe('undoing an activation', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  async function sold(actor: UserActor = c.osloClerk, amount = '500', storeId?: string) {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    await activateAtStore(actor, activateAtStoreSchema.parse({ cardId: id, amount, requestKey: randomUUID(), storeId, receiptNumber: 'R-9' }));
    return { id, token: cards[0]!.token };
  }
  const cardRow = (id: string) => t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });

  it('the clerk who sold it undoes it within 15 minutes: inactive, balance 0, ledger and audit agree', async () => {
    const { id } = await sold();
    expect(await undoActivation(c.osloClerk, { cardId: id })).toEqual({ cardId: id, amount: 50_000, currency: 'NOK' });
    const card = await cardRow(id);
    expect(card).toMatchObject({
      status: 'inactive',
      balance: BigInt(0),
      pending: BigInt(0),
      amount: BigInt(0),
      activatedAt: null,
      activatedStoreId: null,
      expiresAt: null,
      currency: null,
    });
    const rows = await t.db.cardTransaction.findMany({ where: { cardPk: card.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.kind, r.amount])).toEqual([
      ['FUND', BigInt(50_000)],
      ['REVERSAL', BigInt(50_000)],
    ]);
    expect(rows[1]!.parentId).toBe(rows[0]!.id);
    const amounts = (await ledgerAmounts(t.db, [card.id])).get(card.id)!;
    expect(amounts).toMatchObject({ amount_funds: BigInt(0), amount_balance: BigInt(0), amount_available: BigInt(0) });
    expect(card.balance).toBe(amounts.amount_balance);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'card.activation_undo', targetId: card.id } });
    expect(audit).toMatchObject({
      actorId: c.osloClerk.userId,
      data: { card_id: id, amount: 50_000, currency: 'NOK', store_id: c.oslo.id, receipt_number: 'R-9' },
    });
    // Undoing twice is refused: there is nothing left to undo.
    await expect(undoActivation(c.osloClerk, { cardId: id })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'not_activated' } });
  });

  it('is refused after a drawdown, with a clear reason, even for HQ', async () => {
    const { id, token } = await sold();
    await createTransaction(c.api, createTransactionSchema.parse({ ref_id: 'till-1', amount: 100, currency: 'NOK', token }));
    for (const actor of [c.osloClerk, c.staff]) {
      await expect(undoActivation(actor, { cardId: id })).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'already_used' },
        message: expect.stringMatching(/already been used/),
      });
    }
    expect((await cardRow(id)).status).toBe('active');
  });

  it('is refused after a reservation too', async () => {
    const { id } = await sold();
    await createTransaction(c.api, createTransactionSchema.parse({ ref_id: 'hold', amount: 100, currency: 'NOK', card_id: id, pending: true }));
    await expect(undoActivation(c.osloClerk, { cardId: id })).rejects.toMatchObject({ details: { reason: 'already_used' } });
  });

  it('is refused to another clerk, and to the same clerk after 15 minutes; HQ may undo any time before use', async () => {
    const { id } = await sold();
    await expect(undoActivation(c.osloClerk2, { cardId: id })).rejects.toMatchObject({ details: { reason: 'not_your_activation' } });
    await expect(undoActivation(c.bergenClerk, { cardId: id })).rejects.toMatchObject({ details: { reason: 'not_your_activation' } });
    const card = await cardRow(id);
    await t.db.card.update({ where: { id: card.id }, data: { activatedAt: new Date(Date.now() - 16 * 60_000) } });
    await expect(undoActivation(c.osloClerk, { cardId: id })).rejects.toMatchObject({ details: { reason: 'window_passed' } });
    await expect(undoActivation(c.staff, { cardId: id })).resolves.toMatchObject({ amount: 50_000 });
  });

  it('a card of another account is not found', async () => {
    await expect(undoActivation(c.osloClerk, { cardId: 'does-not-exist' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an undone card can be sold again, and that activation can be undone too', async () => {
    const { id } = await sold();
    await undoActivation(c.osloClerk, { cardId: id });
    await activateAtStore(c.osloClerk, activateAtStoreSchema.parse({ cardId: id, amount: '200', requestKey: randomUUID() }));
    const resold = await cardRow(id);
    expect(resold.status).toBe('unused');
    expect(resold.balance).toBe(BigInt(20_000));
    await expect(undoActivation(c.osloClerk, { cardId: id })).resolves.toMatchObject({ amount: 20_000 });
    const undone = await cardRow(id);
    expect(undone.status).toBe('inactive');
    expect(undone.balance).toBe(BigInt(0));
  });
});
