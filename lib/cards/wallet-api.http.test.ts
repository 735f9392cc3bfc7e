/**
 * The Wallet API over real HTTP against `next start` on real PostgreSQL: every endpoint's happy
 * path in the contract's shapes, the errors, and the access rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { activate, activeCard, createApiClient, createBatch, DEMO_ACCOUNT, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';

let db: PrismaClient;
let admin: string;
let readOnly: string;
let tillOnly: string;
let otherAccount: string;

beforeAll(async () => {
  db = openApiDb();
  admin = (await createApiClient(db, DEMO_ACCOUNT, ['admin:wallets'])).token;
  readOnly = (await createApiClient(db, DEMO_ACCOUNT, ['read:wallets'])).token;
  tillOnly = (await createApiClient(db, DEMO_ACCOUNT, ['write:wallets:/transactions'])).token;
  otherAccount = (await createApiClient(db, 'T99999999', ['admin:wallets'])).token;
});
afterAll(async () => {
  await db.$disconnect();
});

describe('POST /auth/token', () => {
  it('issues a 4-hour bearer token to the demo client', async () => {
    const res = await apiFetch(`/v1/accounts/${DEMO_ACCOUNT}/auth/token`, {
      headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: { grant_type: 'client_credentials', audience: `https://example.test/v1/accounts/${DEMO_ACCOUNT}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 14400, access_token: expect.any(String) });
  });

  it.each([
    ['a wrong secret', 'demo-client:wrong', DEMO_ACCOUNT, 401],
    ['another account', 'demo-client:demo-secret', 'T99999999', 401],
    ['no credentials', '', DEMO_ACCOUNT, 401],
  ])('refuses %s', async (_label, credentials, account, status) => {
    const res = await apiFetch(`/v1/accounts/${account}/auth/token`, {
      headers: credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {},
      body: { grant_type: 'client_credentials' },
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 to bad credentials even when the body is bad too; accepts an audience with a trailing slash', async () => {
    const bad = await apiFetch(`/v1/accounts/${DEMO_ACCOUNT}/auth/token`, {
      headers: { authorization: `Basic ${Buffer.from('demo-client:wrong').toString('base64')}` },
      body: { grant_type: 'password' },
    });
    expect(bad.status).toBe(401);
    const slash = await apiFetch(`/v1/accounts/${DEMO_ACCOUNT}/auth/token`, {
      headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: { grant_type: 'client_credentials', audience: `https://example.test/v1/accounts/${DEMO_ACCOUNT}/` },
    });
    expect(slash.status).toBe(200);
  });

  it('refuses another grant type with 422', async () => {
    const res = await apiFetch(`/v1/accounts/${DEMO_ACCOUNT}/auth/token`, {
      headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: { grant_type: 'password' },
    });
    expect(res.status).toBe(422);
  });
});

describe('access', () => {
  const endpoints: [string, string, unknown?][] = [
    ['POST', '/cards/batch', { cards: [{ card_id: 'x' }] }],
    ['POST', '/cards', { card_id: 'x', amount: 1, currency: 'NOK' }],
    ['GET', '/cards'],
    ['GET', '/cards/x'],
    ['POST', '/cards/x/activate', { amount: 1, currency: 'NOK' }],
    ['GET', '/cards/x/transactions'],
    ['POST', '/cards/x/rotate-pin', { pin: { format: { length: 4, numbers: true } } }],
    ['POST', '/info', { token: 'x' }],
    ['POST', '/transactions', { ref_id: 'r', amount: 1, currency: 'NOK', token: 'x' }],
    ['POST', '/transactions/00000000-0000-0000-0000-000000000000/capture', { ref_id: 'r' }],
    ['POST', '/transactions/00000000-0000-0000-0000-000000000000/void', { ref_id: 'r' }],
  ];

  it.each(endpoints)('%s %s needs a token', async (method, path, body) => {
    const res = await apiFetch(`${wallet()}${path}`, { method, body });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it.each(endpoints)('%s %s refuses a forged token', async (method, path, body) => {
    const res = await apiFetch(`${wallet()}${path}`, { method, body, token: 'eyJhbGciOiJIUzI1NiJ9.e30.invalid' });
    expect(res.status).toBe(401);
  });

  it.each(endpoints)("%s %s refuses another account's token", async (method, path, body) => {
    const res = await apiFetch(`${wallet()}${path}`, { method, body, token: otherAccount });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it.each(endpoints.filter(([m, p]) => m === 'POST' && p !== '/info'))('%s %s needs a write scope', async (method, path, body) => {
    const res = await apiFetch(`${wallet()}${path}`, { method, body, token: readOnly });
    expect(res.status).toBe(403);
  });

  it('a till-only token may draw down by token but not create cards, fund, or use card_id', async () => {
    const card = await activeCard(admin, 10000);
    const ok = await apiFetch(`${wallet()}/transactions`, {
      token: tillOnly,
      body: { ref_id: uniqueId('r'), amount: 100, currency: 'NOK', token: card.token },
    });
    expect(ok.status).toBe(200);
    const fund = await apiFetch(`${wallet()}/transactions`, {
      token: tillOnly,
      body: { ref_id: uniqueId('r'), amount: 100, currency: 'NOK', token: card.token, type: 'fund' },
    });
    expect(fund.status).toBe(403);
    const byId = await apiFetch(`${wallet()}/transactions`, {
      token: tillOnly,
      body: { ref_id: uniqueId('r'), amount: 100, currency: 'NOK', card_id: card.cardId },
    });
    expect(byId.status).toBe(403);
    expect((await createBatch(tillOnly, [uniqueId()])).status).toBe(403);
  });

  it("another account cannot see this account's cards even by token", async () => {
    const card = await activeCard(admin);
    const res = await apiFetch(`${wallet('T99999999')}/info`, { token: otherAccount, body: { token: card.token } });
    expect(res.status).toBe(404);
  });
});

describe('POST /cards/batch', () => {
  it('creates inactive zero-balance cards and returns each secret once, in the contract shape', async () => {
    const ids = [uniqueId(), uniqueId()];
    const res = await createBatch(admin, ids, {
      pin: { format: { length: 6, numbers: true } },
      card_token: { format: { length: 16, numbers: true, prefix: 'GC', barcode: true } },
    });
    expect(res.status).toBe(200);
    expect(res.body.cards).toHaveLength(2);
    const [first] = res.body.cards;
    expect(first).toMatchObject({ card_id: ids[0], status: 'inactive', type: 'gift_card', amount_balance: 0, amount_available: 0 });
    expect(first.pin.pin.value).toMatch(/^\d{6}$/);
    expect(first.card_token.token.value).toMatch(/^GC\d{16}$/);
    expect(first.card_token.token.barcode_128).toMatch(/^data:image\/png;base64,/);
    expect(first.tokens[0].masked_code).toMatch(/^GC\*{12}\d{4}$/);
    const again = await apiFetch(`${wallet()}/cards/${ids[0]}`, { token: admin });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.body)).not.toContain(first.card_token.token.value);
    expect(JSON.stringify(again.body)).not.toContain(`"${first.pin.pin.value}"`);
  });

  it('refuses duplicates in the request or the account with 409 naming them, writing nothing', async () => {
    const dup = uniqueId();
    const fresh = uniqueId();
    const inRequest = await createBatch(admin, [dup, fresh, dup]);
    expect(inRequest.status).toBe(409);
    expect(inRequest.body.error.details.card_ids).toEqual([dup]);
    expect(await db.card.count({ where: { cardId: { in: [dup, fresh] } } })).toBe(0);

    await createBatch(admin, [dup]);
    const existing = await createBatch(admin, [fresh, dup]);
    expect(existing.status).toBe(409);
    expect(existing.body.error.details.card_ids).toEqual([dup]);
    expect(await db.card.count({ where: { cardId: fresh } })).toBe(0);
  });

  it('validates input: too many cards, bad ids, bad formats → 422; malformed JSON → 400; huge body → 413', async () => {
    const tooMany = await createBatch(
      admin,
      Array.from({ length: 10_001 }, (_, i) => `many-${i}`),
    );
    expect(tooMany.status).toBe(422);
    const spaces = await createBatch(admin, [' padded ']);
    expect(spaces.status).toBe(422);
    expect(spaces.body.error.details.issues[0].message).toMatch(/spaces/);
    const badPin = await createBatch(admin, [uniqueId()], { pin: { format: { length: 3, numbers: true } } });
    expect(badPin.status).toBe(422);
    const noClass = await createBatch(admin, [uniqueId()], { card_token: { format: { length: 16 } } });
    expect(noClass.status).toBe(422);
    const malformed = await apiFetch(`${wallet()}/cards/batch`, { token: admin, body: '{"cards": [' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_INPUT');
    const huge = await apiFetch(`${wallet()}/cards/batch`, { token: admin, body: JSON.stringify({ cards: [], pad: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
  });

  it('replays an Idempotency-Key with the same body (no new cards, no secrets) and refuses it with another body', async () => {
    const key = uniqueId('key');
    const ids = [uniqueId()];
    const first = await createBatch(admin, ids, undefined, { 'idempotency-key': key });
    const replay = await createBatch(admin, ids, undefined, { 'idempotency-key': key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.cards[0].id).toBe(first.body.cards[0].id);
    expect(replay.body.cards[0].card_token).toBeUndefined();
    expect(await db.card.count({ where: { cardId: ids[0] } })).toBe(1);
    const other = await createBatch(admin, [uniqueId()], undefined, { 'idempotency-key': key });
    expect(other.status).toBe(409);
  });
});

describe('POST /cards/{card_id}/activate', () => {
  it('moves an inactive card to unused with its balance from one fund row', async () => {
    const id = uniqueId();
    await createBatch(admin, [id]);
    const res = await activate(admin, id, { amount: 50000, currency: 'NOK', customer_id: 'cust-1', metadata: { receipt: '42' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      card_id: id,
      status: 'unused',
      currency: 'NOK',
      amount: 50000,
      amount_funds: 50000,
      amount_balance: 50000,
      amount_available: 50000,
      customer_id: 'cust-1',
      metadata: { receipt: '42' },
    });
    expect(res.body.active_from).toBeTruthy();
    expect(res.body.tokens[0].masked_code).toContain('*');
    const ledger = await apiFetch(`${wallet()}/cards/${id}/transactions`, { token: admin });
    expect(ledger.body.transactions).toEqual([expect.objectContaining({ type: 'fund', amount: 50000, currency: 'NOK' })]);
  });

  it('refuses a second activation with 409 and the current status, and an unknown card with 404', async () => {
    const id = uniqueId();
    await createBatch(admin, [id]);
    await activate(admin, id);
    const again = await activate(admin, id);
    expect(again.status).toBe(409);
    expect(again.body.error.details.status).toBe('unused');
    expect(again.body.error.message).toContain('unused');
    expect((await activate(admin, uniqueId())).status).toBe(404);
  });

  it.each([
    ['a negative amount', { amount: -1, currency: 'NOK' }],
    ['a float amount', { amount: 10.5, currency: 'NOK' }],
    ['an absurd amount', { amount: 1e15, currency: 'NOK' }],
    ['an unknown currency', { amount: 100, currency: 'GBP' }],
    ['expires_at before active_from', { amount: 100, currency: 'NOK', active_from: '2030-01-01T00:00:00Z', expires_at: '2029-01-01T00:00:00Z' }],
    ['nested metadata', { amount: 100, currency: 'NOK', metadata: { a: { b: 1 } } }],
    ['a padded customer_id', { amount: 100, currency: 'NOK', customer_id: ' c ' }],
    ['a date that is not ISO-8601', { amount: 100, currency: 'NOK', expires_at: 'next tuesday' }],
    ['an unknown field', { amount: 100, currency: 'NOK', colour: 'red' }],
  ])('refuses %s with 422 and changes nothing', async (_label, body) => {
    const id = uniqueId();
    await createBatch(admin, [id]);
    const res = await activate(admin, id, body);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'UNPROCESSABLE', details: { issues: expect.any(Array) } });
    expect((await db.card.findFirstOrThrow({ where: { cardId: id } })).status).toBe('inactive');
  });

  it('takes card ids with any printable characters in the path, percent-encoded once', async () => {
    const ids = [uniqueId('50%off ø#?&'), uniqueId('gc%41')];
    expect((await createBatch(admin, ids)).status).toBe(200);
    for (const id of ids) {
      const path = `${wallet()}/cards/${encodeURIComponent(id)}`;
      expect((await activate(admin, id)).status).toBe(200);
      const card = await apiFetch(path, { token: admin });
      expect(card.status).toBe(200);
      expect(card.body.card_id).toBe(id);
      const ledger = await apiFetch(`${path}/transactions`, { token: admin });
      expect(ledger.body.transactions).toHaveLength(1);
      expect((await apiFetch(`${path}/rotate-pin`, { token: admin, body: { pin: { format: { length: 4, numbers: true } } } })).status).toBe(200);
    }
  });

  it('replays an Idempotency-Key instead of reporting a conflict', async () => {
    const id = uniqueId();
    await createBatch(admin, [id]);
    const key = uniqueId('key');
    const first = await apiFetch(`${wallet()}/cards/${id}/activate`, {
      token: admin,
      headers: { 'idempotency-key': key },
      body: { amount: 100, currency: 'NOK' },
    });
    const second = await apiFetch(`${wallet()}/cards/${id}/activate`, {
      token: admin,
      headers: { 'idempotency-key': key },
      body: { amount: 100, currency: 'NOK' },
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const different = await apiFetch(`${wallet()}/cards/${id}/activate`, {
      token: admin,
      headers: { 'idempotency-key': key },
      body: { amount: 200, currency: 'NOK' },
    });
    expect(different.status).toBe(409);
  });
});

describe('cards, info and PINs', () => {
  it('POST /cards creates a usable card with its secrets once; GET /cards pages with starting_after', async () => {
    const id = uniqueId('single');
    const created = await apiFetch(`${wallet()}/cards`, { token: admin, body: { card_id: id, amount: 2500, currency: 'SEK' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ card_id: id, status: 'unused', amount_balance: 2500, currency: 'SEK' });
    expect(created.body.card_token.token.value).toMatch(/^\d{16}$/);
    const page1 = await apiFetch(`${wallet()}/cards?limit=2`, { token: readOnly });
    expect(page1.status).toBe(200);
    expect(page1.body.cards).toHaveLength(2);
    const page2 = await apiFetch(`${wallet()}/cards?limit=2&starting_after=${page1.body.starting_after}`, { token: readOnly });
    expect(page2.body.cards[0].card_id).not.toBe(page1.body.cards[0].card_id);
    expect((await apiFetch(`${wallet()}/cards?limit=101`, { token: readOnly })).status).toBe(422);
  });

  it('POST /cards applies card_token.expires_after_transaction: the token pays once, then only shows the card', async () => {
    const res = await apiFetch(`${wallet()}/cards`, {
      token: admin,
      body: {
        card_id: uniqueId('single'),
        amount: 1000,
        currency: 'NOK',
        card_token: { format: { length: 16, numbers: true }, expires_after_transaction: true, expires_in: 3600 },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.card_token).toMatchObject({ expires_in: 3600, expires_after_transaction: true });
    const token = res.body.card_token.token.value;
    const pay = (ref_id: string) => apiFetch(`${wallet()}/transactions`, { token: tillOnly, body: { token, ref_id, amount: 100, currency: 'NOK' } });
    expect((await pay('once-1')).status).toBe(200);
    expect((await pay('once-2')).status).toBe(404);
    expect((await apiFetch(`${wallet()}/info`, { token: readOnly, body: { token } })).body).toMatchObject({ amount_available: 900 });
  });

  it('POST /info finds a card by token, or by card_id with its PIN', async () => {
    const card = await activeCard(admin, 7000);
    const byToken = await apiFetch(`${wallet()}/info`, { token: readOnly, body: { token: card.token } });
    expect(byToken.status).toBe(200);
    expect(byToken.body).toMatchObject({ card_id: card.cardId, status: 'unused', currency: 'NOK', amount_balance: 7000, amount_available: 7000 });
    const byPin = await apiFetch(`${wallet()}/info`, { token: readOnly, body: { card_id: card.cardId, pin: card.pin } });
    expect(byPin.body.amount_balance).toBe(7000);
    const withoutPin = await apiFetch(`${wallet()}/info`, { token: readOnly, body: { card_id: card.cardId } });
    expect(withoutPin.status).toBe(422);
  });

  it('a wrong PIN looks like an unknown card, and 5 wrong PINs lock PIN checks with 429', async () => {
    const card = await activeCard(admin);
    const wrongPin = card.pin === '0000' ? '1111' : '0000';
    const wrong = await apiFetch(`${wallet()}/info`, { token: readOnly, body: { card_id: card.cardId, pin: wrongPin } });
    const unknown = await apiFetch(`${wallet()}/info`, { token: readOnly, body: { card_id: uniqueId(), pin: wrongPin } });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    for (let i = 0; i < 4; i++) await apiFetch(`${wallet()}/info`, { token: readOnly, body: { card_id: card.cardId, pin: wrongPin } });
    const locked = await apiFetch(`${wallet()}/info`, { token: readOnly, body: { card_id: card.cardId, pin: card.pin } });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'pin_locked' } });
    // The token alone still works: the lock is on PIN checks.
    expect((await apiFetch(`${wallet()}/info`, { token: readOnly, body: { token: card.token } })).status).toBe(200);
  });

  it('rotate-pin returns a new PIN once; the old one stops working', async () => {
    const card = await activeCard(admin);
    const res = await apiFetch(`${wallet()}/cards/${card.cardId}/rotate-pin`, { token: admin, body: { pin: { format: { length: 8, numbers: true } } } });
    expect(res.status).toBe(200);
    const newPin = res.body.pin.pin.value;
    expect(newPin).toMatch(/^\d{8}$/);
    expect((await apiFetch(`${wallet()}/info`, { token: admin, body: { card_id: card.cardId, pin: newPin } })).status).toBe(200);
    expect((await apiFetch(`${wallet()}/info`, { token: admin, body: { card_id: card.cardId, pin: card.pin } })).status).toBe(404);
  });
});

describe('POST /transactions, capture and void', () => {
  const tx = (token: string, body: Record<string, unknown>) => apiFetch(`${wallet()}/transactions`, { token, body });

  it('draws down, moves unused → active, and never below zero', async () => {
    const card = await activeCard(admin, 10000);
    const first = await tx(tillOnly, { ref_id: uniqueId('r'), amount: 2500, currency: 'NOK', token: card.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ type: 'drawdown', amount: 2500, currency: 'NOK', card_id: card.cardId });
    const info = await apiFetch(`${wallet()}/info`, { token: admin, body: { token: card.token } });
    expect(info.body).toMatchObject({ status: 'active', amount_drawdown: 2500, amount_balance: 7500 });
    const tooMuch = await tx(tillOnly, { ref_id: uniqueId('r'), amount: 7501, currency: 'NOK', token: card.token });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.details).toEqual({ reason: 'insufficient_funds', amount_available: 7500 });
  });

  it('funds by card_id; refuses the wrong currency, inactive cards and drawdowns before active_from', async () => {
    const card = await activeCard(admin, 1000);
    const fund = await tx(admin, { ref_id: uniqueId('r'), amount: 500, currency: 'NOK', card_id: card.cardId, type: 'fund' });
    expect(fund.status).toBe(200);
    expect((await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'EUR', card_id: card.cardId })).status).toBe(422);
    const inactive = uniqueId();
    const batch = await createBatch(admin, [inactive]);
    const res = await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'NOK', token: batch.body.cards[0].card_token.token.value });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/inactive/);

    const future = uniqueId();
    const futureBatch = await createBatch(admin, [future]);
    await activate(admin, future, { amount: 1000, currency: 'NOK', active_from: '2099-01-01T00:00:00Z' });
    const early = await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'NOK', token: futureBatch.body.cards[0].card_token.token.value });
    expect(early.status).toBe(409);
    const earlyFund = await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'NOK', card_id: future, type: 'fund' });
    expect(earlyFund.status).toBe(200);
  });

  it('replays a ref_id with the same body and refuses it with another', async () => {
    const card = await activeCard(admin, 1000);
    const refId = uniqueId('r');
    const first = await tx(admin, { ref_id: refId, amount: 100, currency: 'NOK', card_id: card.cardId });
    const again = await tx(admin, { ref_id: refId, amount: 100, currency: 'NOK', card_id: card.cardId });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await tx(admin, { ref_id: refId, amount: 200, currency: 'NOK', card_id: card.cardId });
    expect(conflict.status).toBe(409);
    const info = await apiFetch(`${wallet()}/info`, { token: admin, body: { token: card.token } });
    expect(info.body.amount_balance).toBe(900);
  });

  it('reserves with pending, captures in parts and voids the rest', async () => {
    const card = await activeCard(admin, 10000);
    const reserve = await tx(tillOnly, { ref_id: uniqueId('r'), amount: 6000, currency: 'NOK', token: card.token, pending: true });
    expect(reserve.status).toBe(200);
    let info = await apiFetch(`${wallet()}/info`, { token: admin, body: { token: card.token } });
    expect(info.body).toMatchObject({ amount_balance: 10000, amount_pending: 6000, amount_reserved: 6000, amount_available: 4000 });
    const capture = await apiFetch(`${wallet()}/transactions/${reserve.body.id}/capture`, { token: tillOnly, body: { ref_id: uniqueId('c'), amount: 2000 } });
    expect(capture.status).toBe(200);
    expect(capture.body.parent_id).toBe(reserve.body.id);
    const tooBig = await apiFetch(`${wallet()}/transactions/${reserve.body.id}/capture`, { token: tillOnly, body: { ref_id: uniqueId('c'), amount: 4001 } });
    expect(tooBig.status).toBe(409);
    const voided = await apiFetch(`${wallet()}/transactions/${reserve.body.id}/void`, { token: tillOnly, body: { ref_id: uniqueId('v') } });
    expect(voided.status).toBe(200);
    expect(voided.body.amount).toBe(4000);
    info = await apiFetch(`${wallet()}/info`, { token: admin, body: { token: card.token } });
    expect(info.body).toMatchObject({ amount_balance: 8000, amount_drawdown: 2000, amount_pending: 0, amount_available: 8000 });
    const nothingLeft = await apiFetch(`${wallet()}/transactions/${reserve.body.id}/void`, { token: tillOnly, body: { ref_id: uniqueId('v') } });
    expect(nothingLeft.status).toBe(409);
    const notPending = await apiFetch(`${wallet()}/transactions/${capture.body.id}/capture`, { token: tillOnly, body: { ref_id: uniqueId('c') } });
    expect(notPending.status).toBe(409);
    expect((await apiFetch(`${wallet()}/transactions/not-a-uuid/void`, { token: tillOnly, body: { ref_id: 'x' } })).status).toBe(404);

    // The list says what each row is; the reservation is no longer pending once fully settled.
    const list = await apiFetch(`${wallet()}/cards/${card.cardId}/transactions?limit=100`, { token: admin });
    expect(list.body.transactions.map((t: { kind: string; type: string; amount: number; pending: boolean }) => [t.kind, t.type, t.amount, t.pending])).toEqual([
      ['fund', 'fund', 10000, false],
      ['reservation', 'drawdown', 6000, false],
      ['capture', 'drawdown', 2000, false],
      ['void', 'drawdown', 4000, false],
    ]);
    expect(reserve.body).toMatchObject({ kind: 'reservation', pending: true });
  });

  it('lists a partly captured reservation as still pending', async () => {
    const card = await activeCard(admin, 5000);
    const reserve = await tx(tillOnly, { ref_id: uniqueId('r'), amount: 3000, currency: 'NOK', token: card.token, pending: true });
    await apiFetch(`${wallet()}/transactions/${reserve.body.id}/capture`, { token: tillOnly, body: { ref_id: uniqueId('c'), amount: 1000 } });
    const list = await apiFetch(`${wallet()}/cards/${card.cardId}/transactions`, { token: admin });
    expect(list.body.transactions.find((t: { id: string }) => t.id === reserve.body.id)).toMatchObject({ kind: 'reservation', pending: true });
  });

  it('refuses every transaction on an expired card', async () => {
    const card = await activeCard(admin, 1000);
    await db.card.updateMany({ where: { cardId: card.cardId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const drawdown = await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'NOK', card_id: card.cardId });
    const fund = await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'NOK', card_id: card.cardId, type: 'fund' });
    expect([drawdown.status, fund.status]).toEqual([409, 409]);
    expect(drawdown.body.error.message).toMatch(/expired/);
  });

  it('only drawdowns may be pending', async () => {
    const card = await activeCard(admin, 1000);
    const res = await tx(admin, { ref_id: uniqueId('r'), amount: 1, currency: 'NOK', card_id: card.cardId, type: 'fund', pending: true });
    expect(res.status).toBe(422);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document describing every endpoint', async () => {
    const res = await apiFetch('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/accounts/{aid}/wallets/cards/batch',
        '/v1/accounts/{aid}/wallets/cards/{card_id}/activate',
        '/v1/accounts/{aid}/wallets/transactions',
      ]),
    );
    const activateBody = res.body.paths['/v1/accounts/{aid}/wallets/cards/{card_id}/activate'].post.requestBody.content['application/json'].schema;
    expect(activateBody.required).toEqual(expect.arrayContaining(['amount', 'currency']));
  });
});
