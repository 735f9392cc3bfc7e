/** Guessing tokens or PINs: a caller's misses are capped (both databases). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { findCardForSale } from '@/lib/store/find-card-for-sale';
import { lookupBalance } from '@/lib/store/lookup-balance';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { getCardInfo } from './card-info';
import { unknownCardRule } from './lookup-guard';
import { cardInfoSchema } from './schemas';

describe('misses per caller', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  const limit = unknownCardRule().maxFailures;
  const apiClient = (clientId: string): ApiClientActor => ({ ...c.api, clientId });

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
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

  it('do not limit a busy till: many valid lookups at once all succeed', async () => {
    const ids = Array.from({ length: 5 }, () => freshId());
    const { cards } = await seedCards(c.api, ids);
    const till = apiClient('busy-till');
    const results = await Promise.allSettled(
      Array.from({ length: limit + 50 }, (_, i) => getCardInfo(till, cardInfoSchema.parse({ token: cards[i % cards.length]!.token }))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
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
