/**
 * Temporary card codes over real HTTP (`next start` on real PostgreSQL): create one, pay with it,
 * the replay without its value, and the access rules — read and till scopes 403, another
 * account's token 403 on this account's URLs and 404 for this account's card on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { activeCard, createBatch, DEMO_ACCOUNT, standardApiClients, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';

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

const tokensUrl = (cardId: string, account = DEMO_ACCOUNT) => `${wallet(account)}/cards/${encodeURIComponent(cardId)}/tokens`;

describe('POST /cards/{card_id}/tokens', () => {
  it('creates a code shown once that a till pays with; the replay has no value', async () => {
    const card = await activeCard(admin, 10_000);
    const body = { ref_id: uniqueId('web'), expires_in: 900, expires_after_transaction: true, metadata: { order_id: 'o-77' } };
    const res = await apiFetch(tokensUrl(card.cardId), { token: writer, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      card_id: card.cardId,
      ...body,
      format: { prefix: 'DINCARD:', length: 36 },
      created_at: expect.any(String),
      created_by: expect.stringMatching(/^api_client:/),
      token: { value: expect.stringMatching(/^DINCARD:[0-9a-f-]{36}$/) },
    });
    const code = res.body.token.value as string;

    const info = await apiFetch(`${wallet()}/info`, { token: tillOnly, body: { token: code } });
    expect(info.body).toMatchObject({ card_id: card.cardId, amount_available: 10_000 });
    const pay = (ref_id: string) =>
      apiFetch(`${wallet()}/transactions`, { token: tillOnly, body: { token: code, ref_id, amount: 2_500, currency: 'NOK', type: 'drawdown' } });
    const paid = await pay('pos-1');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ card_id: card.cardId, amount: 2_500, type: 'drawdown' });
    const retried = await pay('pos-1');
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    // Single use: a second payment is refused like an unknown token; the balance is still shown.
    expect((await pay('pos-2')).status).toBe(404);
    expect((await apiFetch(`${wallet()}/info`, { token: tillOnly, body: { token: code } })).body).toMatchObject({ amount_available: 7_500 });
    // The card's own token is untouched.
    expect(
      (await apiFetch(`${wallet()}/transactions`, { token: tillOnly, body: { token: card.token, ref_id: 'own-1', amount: 100, currency: 'NOK' } })).status,
    ).toBe(200);

    const replay = await apiFetch(tokensUrl(card.cardId), { token: admin, body });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: res.body.id, secrets_shown_once: true, masked_code: res.body.masked_code });
    expect(replay.text).not.toContain(code);
    const conflict = await apiFetch(tokensUrl(card.cardId), { token: admin, body: { ...body, expires_in: 901 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'CONFLICT', details: { ref_id: body.ref_id } });
  });

  it('refuses bad input with 422, an inactive card with 409 and an unknown card with 404', async () => {
    const card = await activeCard(admin);
    for (const bad of [
      {},
      { ref_id: 'r', expires_in: 0 },
      { ref_id: 'r', expires_in: '60' },
      { ref_id: 'r', format: { length: 4, numbers: true } },
      { ref_id: 'r', extra: 1 },
    ]) {
      const res = await apiFetch(tokensUrl(card.cardId), { token: admin, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.details.issues.length).toBeGreaterThan(0);
    }
    const inactive = uniqueId();
    expect((await createBatch(admin, [inactive])).status).toBe(200);
    const refused = await apiFetch(tokensUrl(inactive), { token: admin, body: { ref_id: 'r' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ status: 'inactive' });
    expect((await apiFetch(tokensUrl(uniqueId('none')), { token: admin, body: { ref_id: 'r' } })).status).toBe(404);
  });

  it('needs admin:wallets or write:wallets, and this account', async () => {
    const card = await activeCard(admin);
    const body = { ref_id: uniqueId('acc') };
    expect((await apiFetch(tokensUrl(card.cardId), { body })).status).toBe(401);
    for (const token of [readOnly, tillOnly]) {
      const res = await apiFetch(tokensUrl(card.cardId), { token, body });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await apiFetch(tokensUrl(card.cardId), { token: otherAccount, body })).status).toBe(403);
    const own = await apiFetch(tokensUrl(card.cardId, 'T99999999'), { token: otherAccount, body });
    expect(own.status).toBe(404);
    expect(await db.cardToken.count({ where: { refId: body.ref_id } })).toBe(0);
  });
});
