/**
 * The block / unblock extension over real HTTP (`next start` on real PostgreSQL): a blocked card's
 * drawdown and balance check answer exactly like an unknown card's; the access rules — read and
 * till scopes 403, another account's token 403 on this account's URLs and 404 for this card on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { activeCard, DEMO_ACCOUNT, standardApiClients, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';

let db: PrismaClient;
let admin: string;
let writer: string;
let readOnly: string;
let tillOnly: string;
let otherAccount: string;

beforeAll(async () => {
  db = openApiDb();
  ({ admin, writer, readOnly, tillOnly, otherAccount } = await standardApiClients(db));
});
afterAll(async () => {
  await db.$disconnect();
});

const ext = (cardId: string, what: 'block' | 'unblock', account = DEMO_ACCOUNT) =>
  `/v1/accounts/${account}/cardstock/cards/${encodeURIComponent(cardId)}/${what}`;
const drawdown = (token: string, cardToken: string) =>
  apiFetch(`${wallet()}/transactions`, { token, body: { ref_id: uniqueId('dd'), amount: 100, currency: 'NOK', token: cardToken } });
const state = async (cardId: string) => (await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId } })).blockedAt;

describe('POST /cardstock/cards/{card_id}/block and /unblock', () => {
  it('blocks: the drawdown and /info answer exactly like an unknown card; the card keeps its contract status; unblock restores it', async () => {
    const card = await activeCard(admin, 10_000);
    const blocked = await apiFetch(ext(card.cardId, 'block'), { token: writer, body: { reason: 'stolen', note: 'Reported by phone' } });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ card_id: card.cardId, status: 'unused', blocked: { reason: 'stolen', note: 'Reported by phone' } });
    // Again: the same answer.
    const again = await apiFetch(ext(card.cardId, 'block'), { token: writer, body: { reason: 'lost' } });
    expect(again.body).toEqual(blocked.body);

    const unknown = await drawdown(tillOnly, 'NO-SUCH-TOKEN-XYZ');
    const refused = await drawdown(tillOnly, card.token);
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(unknown.body);
    const infoUnknown = await apiFetch(`${wallet()}/info`, { token: tillOnly, body: { token: 'NO-SUCH-TOKEN-XYZ' } });
    const infoBlocked = await apiFetch(`${wallet()}/info`, { token: tillOnly, body: { token: card.token } });
    expect([infoBlocked.status, infoBlocked.body]).toEqual([404, infoUnknown.body]);
    // GET /cards/{id} keeps the contract's status (no "blocked" there).
    const got = await apiFetch(`${wallet()}/cards/${encodeURIComponent(card.cardId)}`, { token: readOnly });
    expect(got.body.status).toBe('unused');
    expect(got.body).not.toHaveProperty('blocked');

    const unblocked = await apiFetch(ext(card.cardId, 'unblock'), { token: admin, body: {} });
    expect(unblocked.status).toBe(200);
    expect(unblocked.body.blocked).toBeNull();
    expect((await drawdown(tillOnly, card.token)).status).toBe(200);
  });

  it('refuses a bad reason with 422 and changes nothing', async () => {
    const card = await activeCard(admin, 1_000);
    const res = await apiFetch(ext(card.cardId, 'block'), { token: admin, body: { reason: 'bored' } });
    expect(res.status).toBe(422);
    expect(await state(card.cardId)).toBeNull();
  });

  it('read and till scopes get 403; another account gets 403 on these URLs and 404 for this card on its own; nothing changes', async () => {
    const card = await activeCard(admin, 1_000);
    for (const token of [readOnly, tillOnly]) {
      expect((await apiFetch(ext(card.cardId, 'block'), { token, body: { reason: 'lost' } })).status).toBe(403);
    }
    expect((await apiFetch(ext(card.cardId, 'block'), { token: otherAccount, body: { reason: 'lost' } })).status).toBe(403);
    expect((await apiFetch(ext(card.cardId, 'block', 'T99999999'), { token: otherAccount, body: { reason: 'lost' } })).status).toBe(404);
    expect(await state(card.cardId)).toBeNull();

    await apiFetch(ext(card.cardId, 'block'), { token: admin, body: { reason: 'lost' } });
    for (const token of [readOnly, tillOnly]) {
      expect((await apiFetch(ext(card.cardId, 'unblock'), { token, body: {} })).status).toBe(403);
    }
    expect((await apiFetch(ext(card.cardId, 'unblock', 'T99999999'), { token: otherAccount, body: {} })).status).toBe(404);
    expect(await state(card.cardId)).not.toBeNull();
  });
});
