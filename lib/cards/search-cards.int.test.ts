/** HQ's card search and card page, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { blockCard } from './block-card';
import { createTransaction } from './create-transaction';
import { getCardDetail } from './get-card-detail';
import { activateCardSchema, blockCardSchema, createTransactionSchema, searchCardsSchema } from './schemas';
import { searchCards } from './search-cards';

describe('HQ card search and card page', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let ids: string[];
  let tokens: string[];

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    const prefix = freshId('srch');
    ids = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`];
    const seeded = await seedCards(c.api, ids);
    tokens = seeded.cards.map((s) => s.token);
    await activateCard(c.api, ids[0]!, activateCardSchema.parse({ amount: 20_000, currency: 'NOK' }));
    await blockCard(c.staff, ids[1]!, blockCardSchema.parse({ reason: 'lost' }));
  });
  afterAll(async () => {
    await t.close();
  });
  const search = (q: string, status?: string) => searchCards(c.staff, searchCardsSchema.parse({ q, status, size: '100' }));

  it('finds cards by a card id prefix, by the last 4 of the token, and by a whole scanned token', async () => {
    expect((await search(ids[0]!.slice(0, -2))).rows.map((r) => r.cardId).sort()).toEqual([...ids].sort());
    const last4 = tokens[2]!.slice(-4);
    expect((await search(last4)).rows.map((r) => r.cardId)).toContain(ids[2]);
    expect((await search(tokens[0]!)).rows.map((r) => r.cardId)).toEqual([ids[0]]);
    // The token is never stored: a token with one character changed finds nothing.
    const wrong = tokens[0]!.slice(0, -1) + (tokens[0]!.endsWith('0') ? '1' : '0');
    expect((await search(wrong)).rows).toEqual([]);
  });

  it('filters by status, with blocked as a status of its own', async () => {
    const prefix = ids[0]!.slice(0, -2);
    expect((await search(prefix, 'blocked')).rows.map((r) => [r.cardId, r.isBlocked])).toEqual([[ids[1], true]]);
    expect((await search(prefix, 'inactive')).rows.map((r) => r.cardId)).toEqual([ids[2]]);
    expect((await search(prefix, 'unused')).rows.map((r) => r.cardId)).toEqual([ids[0]]);
  });

  it('is for HQ only', async () => {
    await expect(searchCards(c.osloClerk, searchCardsSchema.parse({ q: ids[0] }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getCardDetail(c.osloClerk, ids[0]!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the card page shows figures, signed ledger with running balance and the audit trail, never a secret', async () => {
    await createTransaction(c.api, createTransactionSchema.parse({ ref_id: 'srch-dd-1', amount: 5_000, currency: 'NOK', token: tokens[0] }));
    const detail = await getCardDetail(c.staff, ids[0]!);
    expect(detail.amounts).toMatchObject({ amount_balance: 15_000, amount_available: 15_000 });
    expect(detail.ledger.map((r) => [r.kind, r.signedAmount, r.balanceAfter])).toEqual([
      ['fund', 20_000, 20_000],
      ['drawdown', -5_000, 15_000],
    ]);
    const text = JSON.stringify(detail);
    const card = await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: ids[0] } });
    expect(text).not.toContain(tokens[0]);
    expect(text).not.toContain(card.tokenHash);
    expect(text).not.toContain(card.pinHash);
    const blocked = await getCardDetail(c.staff, ids[1]!);
    expect(blocked.blocked).toMatchObject({ reason: 'lost', by: `user:${c.staff.userId}` });
    expect(blocked.audit.map((a) => a.action)).toContain('card.block');
    await expect(getCardDetail(c.staff, 'no-such-card')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
