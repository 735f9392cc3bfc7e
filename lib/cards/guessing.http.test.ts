/**
 * Guessing PINs and tokens in bursts through the real server on real PostgreSQL (issue 8): the
 * limits hold for requests sent at once, not only for requests sent one after another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { activeCard, createApiClient, DEMO_ACCOUNT, wallet } from '@/lib/testing/wallet-fixtures';
import { PIN_MAX_FAILURES } from './check-pin';
import { unknownCardRule } from './lookup-guard';

let db: PrismaClient;
let admin: string;

beforeAll(async () => {
  db = openApiDb();
  admin = (await createApiClient(db, DEMO_ACCOUNT, ['admin:wallets'])).token;
});
afterAll(async () => {
  await db.$disconnect();
});

function count(statuses: number[]) {
  return statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
}

describe('guessing in bursts', () => {
  it(`POST /info: 50 wrong PINs for one card at once get ${PIN_MAX_FAILURES} × 404 and 429 for the rest; the right PIN sent last gets 429`, async () => {
    const card = await activeCard(admin);
    const guesser = (await createApiClient(db, DEMO_ACCOUNT, ['read:wallets'])).token;
    const space = 10 ** card.pin.length;
    const pins = Array.from({ length: 50 }, (_, i) => String((Number(card.pin) + i + 1) % space).padStart(card.pin.length, '0'));
    const results = await Promise.all([...pins, card.pin].map((pin) => apiFetch(`${wallet()}/info`, { token: guesser, body: { card_id: card.cardId, pin } })));
    expect(count(results.slice(0, 50).map((r) => r.status))).toEqual({ 404: PIN_MAX_FAILURES, 429: 50 - PIN_MAX_FAILURES });
    expect(results[50]!.status).toBe(429);
    expect(results[50]!.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'pin_locked' } });
    const again = await apiFetch(`${wallet()}/info`, { token: admin, body: { card_id: card.cardId, pin: card.pin } });
    expect(again.status).toBe(429);
  });

  it('POST /info: of limit + 30 unknown tokens sent at once by one client, exactly the limit get 404 and the rest 429', async () => {
    const limit = unknownCardRule().maxFailures;
    const guesser = (await createApiClient(db, DEMO_ACCOUNT, ['read:wallets'])).token;
    const results = await Promise.all(
      Array.from({ length: limit + 30 }, (_, i) => apiFetch(`${wallet()}/info`, { token: guesser, body: { token: `5${String(i).padStart(11, '0')}` } })),
    );
    expect(count(results.map((r) => r.status))).toEqual({ 404: limit, 429: 30 });
    expect(results.find((r) => r.status === 429)!.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'lookups_locked' } });
  });
});
