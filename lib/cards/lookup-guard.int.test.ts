/** Guessing tokens or PINs: a caller's misses are capped (both databases). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { cardIdAt } from '@/lib/print-runs/card-id-scheme';
import { findCardForSale } from '@/lib/counter/find-card-for-sale';
import { lookupBalance } from '@/lib/counter/lookup-balance';
import { resolveCard } from '@/lib/counter/resolve-card';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter, seedSchemeCards } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { getCardInfo } from './card-info';
import { createTransaction } from './create-transaction';
import { unknownCardRule } from './lookup-guard';
import { activateCardSchema, cardInfoSchema, createTransactionSchema } from './schemas';

/** How many lookups gave each answer: a value's `kind` (or FOUND), or the error's code and reason. */
function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const error = r.status === 'rejected' ? (r.reason as { code?: string; details?: { reason?: string } }) : null;
    const key = !error
      ? ((r as PromiseFulfilledResult<{ kind?: string }>).value.kind ?? 'FOUND')
      : error.details?.reason
        ? `${error.code}:${error.details.reason}`
        : String(error.code);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('misses per caller', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  const limit = unknownCardRule().maxFailures;
  const apiClient = (clientId: string): ApiClientActor => ({ ...c.api, clientId });
  const newClerk = () => seedUser(t.db, { accountId: c.account.id, role: 'CLERK', storeId: c.oslo.id });
  const luhn = { prefix: 'LG-', start: 1000, padWidth: 6, luhn: true };
  /** A Luhn-shaped id of the scheme with a wrong check digit (never a card). */
  const mistyped = (n: number) => {
    const good = cardIdAt(luhn, n);
    return good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    await seedSchemeCards(t.db, c.api, luhn, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  it(`pause an API client's token lookups after ${limit} unknown tokens — even a real token then gets 429; other clients go on`, async () => {
    const { cards } = await seedCards(c.api, [freshId()]);
    const guesser = apiClient('guesser');
    for (let i = 0; i < limit; i++) {
      await expect(getCardInfo(guesser, cardInfoSchema.parse({ token: `9${String(i).padStart(11, '0')}` }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(getCardInfo(guesser, cardInfoSchema.parse({ token: cards[0]!.token }))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { reason: 'lookups_locked' },
    });
    expect(await getCardInfo(apiClient('honest'), cardInfoSchema.parse({ token: cards[0]!.token }))).toMatchObject({ status: 'inactive' });
  });

  it('count wrong PINs on many cards against the caller, not only per card', async () => {
    // Four wrong PINs per card stay under the per-card lockout (5), but not under the caller's cap.
    const ids = Array.from({ length: limit / 4 }, () => freshId());
    const { cards } = await seedCards(c.api, ids);
    const guesser = apiClient('pin-guesser');
    for (const [n, id] of ids.entries()) {
      const real = Number(cards[n]!.pin);
      for (let i = 1; i <= 4; i++) {
        const wrong = String((real + i) % 10_000).padStart(4, '0');
        await expect(getCardInfo(guesser, cardInfoSchema.parse({ card_id: id, pin: wrong }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    await expect(getCardInfo(guesser, cardInfoSchema.parse({ token: cards[0]!.token }))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('hold against a burst: of limit + 30 unknown tokens sent at once, exactly the limit are answered 404, the rest 429', async () => {
    const racer = apiClient('racer');
    const results = await Promise.allSettled(
      Array.from({ length: limit + 30 }, (_, i) => getCardInfo(racer, cardInfoSchema.parse({ token: `8${String(i).padStart(11, '0')}` }))),
    );
    expect(tally(results)).toEqual({ NOT_FOUND: limit, 'LIMIT_EXCEEDED:lookups_locked': 30 });
  });

  it('do not limit a busy till: 200 valid lookups at once all succeed, even just under the limit of misses', async () => {
    const ids = Array.from({ length: 5 }, () => freshId());
    const { cards } = await seedCards(c.api, ids);
    const till = apiClient('busy-till');
    for (let i = 0; i < limit - 1; i++) {
      await expect(getCardInfo(till, cardInfoSchema.parse({ token: `7${String(i).padStart(11, '0')}` }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => getCardInfo(till, cardInfoSchema.parse({ token: cards[i % cards.length]!.token }))),
    );
    expect(tally(results)).toEqual({ FOUND: 200 });
  });

  it('count an unknown code without a PIN at the balance lookup: it answers "PIN required" like a card id, and pauses the clerk at the limit', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const clerk = await newClerk();
    expect(await lookupBalance(clerk, { code: id })).toEqual({ kind: 'pin_required' });
    for (let i = 0; i < limit; i++) {
      expect(await lookupBalance(clerk, { code: `99${String(i).padStart(10, '0')}` })).toEqual({ kind: 'pin_required' });
    }
    await expect(lookupBalance(clerk, { code: cards[0]!.token })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'lookups_locked' } });
    // A real card id is refused the same way: the pause does not tell cards from guesses.
    await expect(lookupBalance(clerk, { code: id })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'lookups_locked' } });
  });

  it('hold against a burst at the balance lookup: of limit + 20 unknown codes at once, exactly the limit are answered', async () => {
    const clerk = await newClerk();
    const results = await Promise.allSettled(Array.from({ length: limit + 20 }, (_, i) => lookupBalance(clerk, { code: `98${String(i).padStart(10, '0')}` })));
    expect(tally(results)).toEqual({ pin_required: limit, 'LIMIT_EXCEEDED:lookups_locked': 20 });
  });

  it('count a mistyped check digit as a miss, at the activation and the balance lookup', async () => {
    const { cards } = await seedCards(c.api, [freshId()]);
    const clerk = await newClerk();
    for (let i = 0; i < limit / 2; i++) {
      await expect(resolveCard(clerk, mistyped(i))).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'check_digit' } });
      await expect(lookupBalance(clerk, { code: mistyped(i) })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'check_digit' } });
    }
    await expect(resolveCard(clerk, cards[0]!.cardId)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'lookups_locked' } });
  });

  it('while paused, a real token of a PIN-locked card answers "paused", not "PIN locked"', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    await t.db.card.update({ where: { accountId_cardId: { accountId: c.account.id, cardId: id } }, data: { pinLockedUntil: new Date(Date.now() + 600_000) } });
    const guesser = apiClient('paused-pin');
    for (let i = 0; i < limit; i++) {
      await expect(getCardInfo(guesser, cardInfoSchema.parse({ token: `6${String(i).padStart(11, '0')}`, pin: '0000' }))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    await expect(getCardInfo(guesser, cardInfoSchema.parse({ token: cards[0]!.token, pin: '0000' }))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { reason: 'lookups_locked' },
    });
  });

  it('while paused, a drawdown with a real token answers 429 and moves no money — on the one-statement path and on the locked one', async () => {
    const ids = [freshId(), freshId()];
    const { cards } = await seedCards(c.api, ids);
    for (const id of ids) await activateCard(c.api, id, activateCardSchema.parse({ amount: 5000, currency: 'NOK' }));
    const guesser = apiClient('paused-till');
    for (let i = 0; i < limit; i++) {
      await expect(getCardInfo(guesser, cardInfoSchema.parse({ token: `7${String(i).padStart(11, '0')}` }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const drawdown = (token: string, amount: number, refId: string) =>
      createTransaction(guesser, createTransactionSchema.parse({ token, type: 'drawdown', amount, currency: 'NOK', ref_id: refId }));
    const pausedAnswer = { code: 'LIMIT_EXCEEDED', details: { reason: 'lookups_locked' } };
    // A drawdown the one statement would write; one only the locked path answers (more than the
    // balance): both "paused", not the card's own answer.
    await expect(drawdown(cards[0]!.token, 100, 'paused-1')).rejects.toMatchObject(pausedAnswer);
    await expect(drawdown(cards[1]!.token, 999_999, 'paused-2')).rejects.toMatchObject(pausedAnswer);
    const rows = await t.db.cardTransaction.findMany({ where: { card: { cardId: { in: ids } } }, select: { kind: true } });
    expect(rows.map((r) => r.kind)).toEqual(['FUND', 'FUND']);
    expect((await t.db.card.findMany({ where: { cardId: { in: ids } }, select: { balance: true } })).map((card) => card.balance)).toEqual([5000n, 5000n]);
    // Another till is not paused.
    await expect(
      createTransaction(
        apiClient('honest-till'),
        createTransactionSchema.parse({ token: cards[0]!.token, type: 'drawdown', amount: 100, currency: 'NOK', ref_id: 'ok-1' }),
      ),
    ).resolves.toMatchObject({ isReplay: false });
  });

  it('pause a clerk after unknown scans; found cards do not count', async () => {
    const { cards } = await seedCards(c.api, [freshId()]);
    await findCardForSale(c.bergenClerk, { code: cards[0]!.cardId, storeId: '' });
    for (let i = 0; i < limit; i++) {
      await expect(findCardForSale(c.bergenClerk, { code: `unknown-${i}`, storeId: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(findCardForSale(c.bergenClerk, { code: cards[0]!.cardId, storeId: '' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(lookupBalance(c.bergenClerk, { code: cards[0]!.token, pin: '' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    // Another clerk of the same store is not paused.
    expect((await findCardForSale(c.osloClerk, { code: cards[0]!.cardId, storeId: '' })).card.cardId).toBe(cards[0]!.cardId);
  });
});
