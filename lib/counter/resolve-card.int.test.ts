/** Recognising cards at the counter and looking up balances, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateCard } from '@/lib/cards/activate-card';
import { createTransaction } from '@/lib/cards/create-transaction';
import { activateCardSchema, createTransactionSchema } from '@/lib/cards/schemas';
import { cardIdAt } from '@/lib/print-runs/card-id-scheme';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter, seedSchemeCards } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { findCardForSale } from './find-card-for-sale';
import { lookupBalance } from './lookup-balance';
import { MISTYPED_MESSAGE, resolveCard } from './resolve-card';

describe('recognising a card at the counter', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  const luhn = { prefix: 'GC-', start: 1000, padWidth: 6, luhn: true };

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    await seedSchemeCards(t.db, c.api, luhn, 3);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds a card by its id, ignoring spaces, dashes and case', async () => {
    const id = freshId('ab');
    await seedCards(c.api, [id]);
    for (const typed of [id, ` ${id.toUpperCase()} `]) {
      const match = await resolveCard(c.osloClerk, typed);
      expect(match.card.cardId, typed).toBe(id);
      expect(match.matchedBy).toBe('card_id');
    }
    const schemeId = cardIdAt(luhn, 1);
    const digits = schemeId.slice(3);
    for (const typed of [schemeId, `gc ${digits.slice(0, 3)} ${digits.slice(3)}`, digits]) {
      expect((await resolveCard(c.osloClerk, typed)).card.cardId, typed).toBe(schemeId);
    }
  });

  it('finds a card by its full token, and by the token typed without its prefix', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id], 'GC');
    const token = cards[0]!.token;
    expect(token.startsWith('GC')).toBe(true);
    const byToken = await resolveCard(c.osloClerk, token);
    expect(byToken).toMatchObject({ matchedBy: 'token', card: { cardId: id } });
    const withoutPrefix = token.slice(2);
    const spaced = `${withoutPrefix.slice(0, 4)} ${withoutPrefix.slice(4, 8)}-${withoutPrefix.slice(8)}`;
    expect((await resolveCard(c.osloClerk, spaced)).card.cardId).toBe(id);
    expect((await resolveCard(c.osloClerk, token.toLowerCase())).card.cardId).toBe(id);
  });

  it('catches a mistyped Luhn check digit with a "did you mistype" message', async () => {
    const good = cardIdAt(luhn, 2);
    const bad = `${good.slice(0, -1)}${(Number(good.at(-1)) + 3) % 10}`;
    await expect(resolveCard(c.osloClerk, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: MISTYPED_MESSAGE });
    // A valid check digit on a number that was never printed is simply unknown.
    const unprinted = cardIdAt(luhn, 500);
    await expect(resolveCard(c.osloClerk, unprinted)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'unknown_card' } });
  });

  it('says so when a card belongs to another account, without showing it', async () => {
    const other = await seedAccount(t.db, 'Other Chain');
    const otherAdmin = await seedUser(t.db, { accountId: other.id, role: 'HQ_ADMIN' });
    const id = freshId('other');
    const { cards } = await seedCards(otherAdmin, [id]);
    await expect(resolveCard(c.osloClerk, id)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'wrong_account' } });
    // Its token, though, is just unknown: saying otherwise would tell whether a guessed token is
    // valid in another chain.
    await expect(resolveCard(c.osloClerk, cards[0]!.token)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'unknown_card' } });
  });

  it('says a card has expired, with the date, and does not offer it for sale', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    await t.db.card.updateMany({ where: { cardId: id }, data: { expiresAt: new Date('2025-03-01T12:00:00Z') } });
    const sale = await findCardForSale(c.osloClerk, { code: id });
    expect(sale.problem).toMatchObject({ reason: 'expired', message: expect.stringMatching(/^Expired on .*2025\. Do not sell it\.$/) });
  });

  it('shows a recognised card with the reason it cannot be sold: already activated (when, where), not ready', async () => {
    const id = freshId();
    const { batch } = await seedCards(c.api, [id]);
    const sale = await findCardForSale(c.osloClerk, { code: id });
    expect(sale).toMatchObject({ card: { cardId: id, status: 'inactive', type: 'gift_card' }, problem: null });
    expect(sale.card.maskedCode).toMatch(/^\*+\d{4}$/);
    expect(sale.card.batch).toMatchObject({ quantity: 1 });

    await activateCard(c.osloClerk, id, activateCardSchema.parse({ amount: 50_000, currency: 'NOK' }), { storeId: c.oslo.id });
    const again = await findCardForSale(c.bergenClerk, { code: id });
    expect(again.problem?.reason).toBe('already_activated');
    expect(again.problem?.message).toMatch(/^Already activated on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} at Oslo\. Do not sell it again\.$/);

    const pending = freshId();
    const notReady = await seedCards(c.api, [pending]);
    await t.db.batch.update({ where: { id: notReady.batch.id }, data: { status: 'RUNNING' } });
    expect((await findCardForSale(c.osloClerk, { code: pending })).problem?.reason).toBe('not_ready');
    await t.db.batch.update({ where: { id: notReady.batch.id }, data: { status: 'FAILED' } });
    expect((await findCardForSale(c.osloClerk, { code: pending })).problem?.reason).toBe('blocked');
    expect(batch.status).toBe('READY');
  });

  it('a clerk cannot act for another store; HQ must choose one', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    await expect(findCardForSale(c.osloClerk, { code: id, storeId: c.bergen.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(findCardForSale(c.staff, { code: id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await findCardForSale(c.staff, { code: id, storeId: c.bergen.id })).problem).toBeNull();
  });
});

describe('balance lookup at the counter', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a token is enough; a card id asks for the PIN', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    await activateCard(c.osloClerk, id, activateCardSchema.parse({ amount: 50_000, currency: 'NOK', expires_at: '2099-01-01T00:00:00Z' }), {
      storeId: c.oslo.id,
    });
    for (let i = 1; i <= 6; i++) {
      await createTransaction(c.api, createTransactionSchema.parse({ ref_id: `r${i}`, amount: 1_000 * i, currency: 'NOK', card_id: id, pending: i === 6 }));
    }
    const byToken = await lookupBalance(c.bergenClerk, { code: cards[0]!.token });
    expect(byToken).toMatchObject({
      kind: 'found',
      cardId: id,
      status: 'active',
      currency: 'NOK',
      balance: 50_000 - 15_000,
      available: 50_000 - 21_000,
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    if (byToken.kind !== 'found') throw new Error('unreachable');
    expect(byToken.transactions.map((tr) => tr.sign * tr.amount)).toEqual([-6_000, -5_000, -4_000, -3_000, -2_000]);

    expect(await lookupBalance(c.bergenClerk, { code: id })).toEqual({ kind: 'pin_required' });
    expect(await lookupBalance(c.bergenClerk, { code: id, pin: cards[0]!.pin })).toMatchObject({ kind: 'found', balance: 35_000 });
  });

  it('wrong PINs and unknown cards look the same, and 5 wrong PINs lock the card like the API', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const wrong = cards[0]!.pin === '0000' ? '1111' : '0000';
    expect(await lookupBalance(c.osloClerk, { code: 'no-such-card' })).toEqual({ kind: 'pin_required' });
    const unknown = await lookupBalance(c.osloClerk, { code: 'no-such-card', pin: '1234' }).catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) {
      const error = await lookupBalance(c.osloClerk, { code: id, pin: wrong }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: (unknown as Error).message });
    }
    await expect(lookupBalance(c.osloClerk, { code: id, pin: cards[0]!.pin })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { reason: 'pin_locked' },
    });
  });
});
