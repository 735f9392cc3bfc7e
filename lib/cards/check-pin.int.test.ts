/**
 * The PIN lockout against bursts: many guesses for one card sent at once (both databases; the
 * `postgres` project runs them on a real server with a pool of 20 connections).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { lookupBalance } from '@/lib/counter/lookup-balance';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { getCardInfo } from './card-info';
import { checkPin, PIN_MAX_FAILURES } from './check-pin';
import { guardedLookup } from './lookup-guard';
import { cardInfoSchema } from './schemas';

/** `count` PINs of the same length as `pin`, none of them `pin`. */
function wrongPins(pin: string, count: number): string[] {
  const space = 10 ** pin.length;
  return Array.from({ length: count }, (_, i) => String((Number(pin) + i + 1) % space).padStart(pin.length, '0'));
}

function outcome(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'FOUND';
  const error = result.reason as { code?: string; details?: { reason?: string } };
  return error.details?.reason ? `${error.code}:${error.details.reason}` : String(error.code);
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

describe('PIN lockout under concurrent guesses', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  const client = (clientId: string): ApiClientActor => ({ ...c.api, clientId });

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it(`Wallet API card_id + pin: of 50 wrong PINs sent at once only ${PIN_MAX_FAILURES} are answered, and the right PIN sent last is refused`, async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const pin = cards[0]!.pin;
    const guesser = client('pin-burst');
    const results = await Promise.allSettled([...wrongPins(pin, 50), pin].map((p) => getCardInfo(guesser, cardInfoSchema.parse({ card_id: id, pin: p }))));
    const outcomes = results.map(outcome);
    expect(tally(outcomes.slice(0, 50))).toEqual({ NOT_FOUND: PIN_MAX_FAILURES, 'LIMIT_EXCEEDED:pin_locked': 50 - PIN_MAX_FAILURES });
    expect(outcomes[50]).toBe('LIMIT_EXCEEDED:pin_locked');

    const card = await t.db.card.findUniqueOrThrow({ where: { accountId_cardId: { accountId: c.account.id, cardId: id } } });
    expect(card.pinLockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Still locked for the right PIN, from any caller; the token alone still works.
    await expect(getCardInfo(client('owner'), cardInfoSchema.parse({ card_id: id, pin }))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { reason: 'pin_locked' },
    });
    expect(await getCardInfo(client('owner'), cardInfoSchema.parse({ token: cards[0]!.token }))).toMatchObject({ card_id: id });
  });

  it(`the counter's balance lookup: the same burst answers only ${PIN_MAX_FAILURES} and refuses the right PIN`, async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const pin = cards[0]!.pin;
    const clerk = await seedUser(t.db, { accountId: c.account.id, role: 'CLERK', storeId: c.oslo.id });
    const results = await Promise.allSettled([...wrongPins(pin, 50), pin].map((p) => lookupBalance(clerk, { code: id, pin: p })));
    const outcomes = results.map(outcome);
    expect(tally(outcomes.slice(0, 50))).toEqual({ NOT_FOUND: PIN_MAX_FAILURES, 'LIMIT_EXCEEDED:pin_locked': 50 - PIN_MAX_FAILURES });
    expect(outcomes[50]).toBe('LIMIT_EXCEEDED:pin_locked');
    await expect(lookupBalance(clerk, { code: id, pin })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'pin_locked' } });
  });

  it('a right PIN sent with fewer wrong ones than the limit is answered; a right PIN clears the count', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const pin = cards[0]!.pin;
    const owner = client('owner-typos');
    const results = await Promise.allSettled(
      [...wrongPins(pin, PIN_MAX_FAILURES - 1), pin].map((p) => getCardInfo(owner, cardInfoSchema.parse({ card_id: id, pin: p }))),
    );
    expect(results.map(outcome)).toEqual([...Array<string>(PIN_MAX_FAILURES - 1).fill('NOT_FOUND'), 'FOUND']);
    // One after another: the right PIN starts the count again.
    await getCardInfo(owner, cardInfoSchema.parse({ card_id: id, pin }));
    for (const wrong of wrongPins(pin, PIN_MAX_FAILURES - 1)) {
      await expect(getCardInfo(owner, cardInfoSchema.parse({ card_id: id, pin: wrong }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await getCardInfo(owner, cardInfoSchema.parse({ card_id: id, pin }))).card_id).toBe(id);
  });

  it("a right PIN inside a guarded lookup is still refused if the card's PIN lock is set after the card was read (the guard's deferred check)", async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const where = { accountId_cardId: { accountId: c.account.id, cardId: id } };
    const read = await t.db.card.findUniqueOrThrow({ where });
    const lookup = (lockMeanwhile: boolean) =>
      guardedLookup(`api_client:deferred-${lockMeanwhile}`, async (_miss, defer) => {
        const right = await checkPin(read, cards[0]!.pin, defer);
        // A burst's fifth wrong PIN locks the card between this lookup's read and its answer.
        if (lockMeanwhile) await t.db.card.update({ where, data: { pinLockedUntil: new Date(Date.now() + 600_000) } });
        return right;
      });
    await expect(lookup(false)).resolves.toBe(true);
    await expect(lookup(true)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'pin_locked' } });
  });

  it('many right PINs at once are all answered (a PIN check does not cap concurrent use)', async () => {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => getCardInfo(client('busy-pin'), cardInfoSchema.parse({ card_id: id, pin: cards[0]!.pin }))),
    );
    expect(results.map(outcome)).toEqual(Array<string>(40).fill('FOUND'));
  });
});
