/**
 * Issue 10 over real HTTP against `next start` on PostgreSQL, as a Dintero client would call it:
 * the contract's own example requests replayed verbatim (batch, activation with Dintero's
 * recommended `dintero_transaction_id`, drawdown), wallet settings, soft delete, customer cards,
 * `includes` and list filters — each with its access rules — and the OpenAPI document listing
 * every operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '@/lib/api/operations';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { activate, createApiClient, DEMO_ACCOUNT, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';

let db: PrismaClient;
let admin: string;
let writer: string;
let reader: string;
let till: string;
let other: string;
const ACCOUNT = 'T20261201';

beforeAll(async () => {
  db = openApiDb();
  // Its own account, so settings changed here do not reach other test files.
  admin = (await createApiClient(db, ACCOUNT, ['admin:wallets'])).token;
  writer = (await createApiClient(db, ACCOUNT, ['write:wallets'])).token;
  reader = (await createApiClient(db, ACCOUNT, ['read:wallets'])).token;
  till = (await createApiClient(db, ACCOUNT, ['write:wallets:/transactions'])).token;
  other = (await createApiClient(db, 'T99999998', ['admin:wallets'])).token;
});
afterAll(async () => {
  await db.$disconnect();
});

const W = wallet(ACCOUNT);
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('the contract’s examples, verbatim', () => {
  it('batch (§3.2), activation with metadata.dintero_transaction_id (§3.3, dates made future) and a drawdown (§3.10)', async () => {
    // §3.2's example, verbatim (this file has an account of its own, so the ids are free).
    const batch = await apiFetch(`${W}/cards/batch`, {
      token: admin,
      body: `{"cards":[{"card_id":"gc-0001","type":"gift_card"},{"card_id":"gc-0002","type":"gift_card"}],
 "options":{"pin":{"format":{"length":6,"numbers":true}},
            "card_token":{"format":{"length":16,"numbers":true,"prefix":"GC","barcode":true}}}}`,
    });
    expect(batch.status).toBe(200);
    expect(batch.body.cards).toHaveLength(2);
    const first = batch.body.cards[0];
    expect(first).toMatchObject({ card_id: 'gc-0001', status: 'inactive', amount_balance: 0 });
    expect(first.pin.pin.value).toMatch(/^\d{6}$/);
    expect(first.card_token.token.value).toMatch(/^GC\d{16}$/);
    expect(first.card_token.token.barcode_128).toMatch(/^data:image\/png;base64,/);

    // The activation Dintero's guide recommends: the selling transaction in metadata; the
    // contract's placeholder dates made future (active_from one second from now).
    const activeFrom = new Date(Date.now() + 1000).toISOString();
    const activated = await apiFetch(`${W}/cards/gc-0001/activate`, {
      token: admin,
      body: {
        amount: 50000,
        currency: 'NOK',
        customer_id: 'customer-1',
        name: 'Gift card',
        originated_by: 'pos-7',
        metadata: { dintero_transaction_id: 'P12345678.xxxxx' },
        // "Specify how token should behave after activation" (§3.3).
        card_token: { expires_in: 31_536_000, expires_after_transaction: false },
        active_from: activeFrom,
        expires_at: future(365),
      },
    });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({
      status: 'unused',
      amount: 50000,
      amount_balance: 50000,
      amount_available: 50000,
      metadata: { dintero_transaction_id: 'P12345678.xxxxx' },
      customer_id: 'customer-1',
    });
    expect(activated.body.tokens[0].masked_code).toMatch(/^GC\*+\d{4}$/);
    expect(JSON.stringify(activated.body)).not.toContain(first.card_token.token.value);

    const early = await apiFetch(`${W}/transactions`, {
      token: till,
      body: { token: first.card_token.token.value, ref_id: 'pos-42-0', amount: 100, currency: 'NOK', type: 'drawdown' },
    });
    if (Date.now() < new Date(activeFrom).getTime() - 50) expect(early.status).toBe(409); // not before active_from
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(activeFrom).getTime() - Date.now() + 100)));
    const drawdown = await apiFetch(`${W}/transactions`, {
      token: till,
      body: { token: first.card_token.token.value, ref_id: 'pos-42-1', amount: 25000, currency: 'NOK', type: 'drawdown', pending: false },
    });
    expect(drawdown.status, drawdown.text).toBe(200);
    expect(drawdown.body).toMatchObject({ type: 'drawdown', amount: 25000, ref_id: 'pos-42-1', card_id: 'gc-0001' });
    // §3.9: the balance check by token.
    const info = await apiFetch(`${W}/info`, { token: till, body: { token: first.card_token.token.value } });
    expect(info.body).toMatchObject({ card_id: 'gc-0001', currency: 'NOK', amount_available: 25000 });
  });
});

describe('the format example of §5 and the card code of §3.6', () => {
  it('creates a card with the documented DINCARD format, then a temporary code that pays', async () => {
    const format = { length: 36, prefix: 'DINCARD:', symbols: true, numbers: true, characters: true, barcode: false };
    const id = uniqueId();
    const created = await apiFetch(`${W}/cards`, { token: admin, body: { card_id: id, amount: 10000, currency: 'NOK', card_token: { format } } });
    expect(created.status, created.text).toBe(200);
    expect(created.body.card_token.token.value).toMatch(/^DINCARD:.{36}$/);

    const code = await apiFetch(`${W}/cards/${id}/tokens`, { token: writer, body: { ref_id: 'web-1', expires_in: 600, expires_after_transaction: true } });
    expect(code.status, code.text).toBe(200);
    expect(code.body).toMatchObject({
      ref_id: 'web-1',
      expires_in: 600,
      expires_after_transaction: true,
      id: expect.any(String),
      created_at: expect.any(String),
    });
    const value = code.body.token.value as string;
    const pay = await apiFetch(`${W}/transactions`, { token: till, body: { token: value, ref_id: 'web-order-1', amount: 2500, currency: 'NOK' } });
    expect(pay.status, pay.text).toBe(200);
    const again = await apiFetch(`${W}/transactions`, { token: till, body: { token: value, ref_id: 'web-order-2', amount: 100, currency: 'NOK' } });
    expect(again.status).toBe(404); // single use: a second payment is refused like an unknown token
  });
});

describe('GET/PATCH /wallets/settings', () => {
  it('answers {} until set; PATCH sets default_card_expires_in_days and it applies from activation', async () => {
    const empty = await apiFetch(`${W}/settings`, { token: reader });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({});

    const patched = await apiFetch(`${W}/settings`, { method: 'PATCH', token: writer, body: { default_card_expires_in_days: 10 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ default_card_expires_in_days: 10, created_by: expect.stringMatching(/^api_client:/), updated_at: expect.any(String) });
    expect((await apiFetch(`${W}/settings`, { token: admin })).body).toEqual(patched.body);

    const id = uniqueId();
    await apiFetch(`${W}/cards/batch`, { token: admin, body: { cards: [{ card_id: id }] } });
    const before = Date.now();
    const card = await apiFetch(`${W}/cards/${id}/activate`, { token: admin, body: { amount: 100, currency: 'NOK' } });
    const days = (new Date(card.body.expires_at).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(9.99);
    expect(days).toBeLessThan(10.01);

    const cleared = await apiFetch(`${W}/settings`, { method: 'PATCH', token: admin, body: { default_card_expires_in_days: 0 } });
    expect(cleared.body.default_card_expires_in_days).toBe(0);
  });

  it.each([
    ['a negative number', { default_card_expires_in_days: -1 }],
    ['a fraction', { default_card_expires_in_days: 1.5 }],
    ['a string', { default_card_expires_in_days: '30' }],
    ['a read-only field', { created_by: 'me' }],
  ])('refuses %s with 422', async (_label, body) => {
    const res = await apiFetch(`${W}/settings`, { method: 'PATCH', token: admin, body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNPROCESSABLE');
  });

  it('keeps the scopes: GET admin/read, PATCH admin/write; another account gets 403', async () => {
    expect((await apiFetch(`${W}/settings`, { token: writer })).status).toBe(403);
    expect((await apiFetch(`${W}/settings`, { token: till })).status).toBe(403);
    expect((await apiFetch(`${W}/settings`, { method: 'PATCH', token: reader, body: { default_card_expires_in_days: 1 } })).status).toBe(403);
    expect((await apiFetch(`${W}/settings`, { method: 'PATCH', token: till, body: { default_card_expires_in_days: 1 } })).status).toBe(403);
    expect((await apiFetch(`${W}/settings`, { token: other })).status).toBe(403);
    expect((await apiFetch(`${W}/settings`)).status).toBe(401);
  });
});

async function fundedCard(amount: number, extra: Record<string, unknown> = {}) {
  const id = uniqueId();
  const res = await apiFetch(`${W}/cards`, { token: admin, body: { card_id: id, amount, currency: 'NOK', ...extra } });
  expect(res.status).toBe(200);
  return { id, token: res.body.card_token.token.value as string };
}

describe('DELETE /cards/{card_id}', () => {
  it('soft-deletes an empty card: gone from lookups, lists and transactions, shown with include_deleted', async () => {
    const { id, token } = await fundedCard(0);
    const deleted = await apiFetch(`${W}/cards/${id}`, { method: 'DELETE', token: writer });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ card_id: id, deleted_at: expect.any(String) });

    expect((await apiFetch(`${W}/cards/${id}`, { token: admin })).status).toBe(404);
    const shown = await apiFetch(`${W}/cards/${id}?include_deleted=true`, { token: admin });
    expect(shown.status).toBe(200);
    expect(shown.body.deleted_at).toBeDefined();
    const info = await apiFetch(`${W}/info`, { token: till, body: { token } });
    expect(info.status).toBe(404);
    const fund = await apiFetch(`${W}/transactions`, { token: admin, body: { card_id: id, ref_id: 'f', amount: 100, currency: 'NOK', type: 'fund' } });
    expect(fund.status).toBe(404);
    expect((await apiFetch(`${W}/cards/${id}`, { method: 'DELETE', token: admin })).status).toBe(404);
  });

  it('refuses a card with money unless balance=write_off, which books it off in the ledger', async () => {
    const { id } = await fundedCard(7000);
    const refused = await apiFetch(`${W}/cards/${id}`, { method: 'DELETE', token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ reason: 'balance', amount_balance: 7000 });
    expect((await apiFetch(`${W}/cards/${id}`, { token: admin })).status).toBe(200);

    const written = await apiFetch(`${W}/cards/${id}?balance=write_off`, { method: 'DELETE', token: admin });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ amount_balance: 0, amount_funds: 7000, amount_drawdown: 7000 });
    const ledger = await apiFetch(`${W}/cards/${id}?include_deleted=true&includes=transactions`, { token: admin });
    expect(ledger.body.transactions.map((t: { kind: string }) => t.kind)).toEqual(['fund', 'write_off']);
    const card = await db.card.findFirstOrThrow({ where: { accountId: ACCOUNT, cardId: id } });
    expect(card.balance).toBe(0n);
  });

  it('refuses while a reservation is open, and for read and till scopes', async () => {
    const { id, token } = await fundedCard(5000);
    expect((await apiFetch(`${W}/transactions`, { token: till, body: { token, ref_id: 'hold', amount: 100, currency: 'NOK', pending: true } })).status).toBe(
      200,
    );
    const pending = await apiFetch(`${W}/cards/${id}?balance=write_off`, { method: 'DELETE', token: admin });
    expect(pending.status).toBe(409);
    expect(pending.body.error.details.reason).toBe('pending');
    expect((await apiFetch(`${W}/cards/${id}`, { method: 'DELETE', token: reader })).status).toBe(403);
    expect((await apiFetch(`${W}/cards/${id}`, { method: 'DELETE', token: till })).status).toBe(403);
    expect((await apiFetch(`${wallet('T99999998')}/cards/${id}`, { method: 'DELETE', token: other })).status).toBe(404);
    expect((await apiFetch(`${W}/cards/${id}?balance=everything`, { method: 'DELETE', token: admin })).status).toBe(422);
  });
});

describe('customer cards', () => {
  it('lists the customer’s cards as a bare array, paged, and one card only when it is theirs', async () => {
    const customer = uniqueId('cust');
    const a = await fundedCard(100, { customer_id: customer });
    const b = await fundedCard(200, { customer_id: customer });
    const stranger = await fundedCard(300, { customer_id: uniqueId('cust') });

    const list = await apiFetch(`${W}/customers/${customer}/cards`, { token: reader });
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((c: { card_id: string }) => c.card_id)).toEqual([a.id, b.id]);
    const page = await apiFetch(`${W}/customers/${customer}/cards?limit=1&starting_after=${a.id}`, { token: reader });
    expect(page.body.map((c: { card_id: string }) => c.card_id)).toEqual([b.id]);

    expect((await apiFetch(`${W}/customers/${customer}/cards/${b.id}`, { token: reader })).body).toMatchObject({ card_id: b.id, amount_balance: 200 });
    expect((await apiFetch(`${W}/customers/${customer}/cards/${stranger.id}`, { token: reader })).status).toBe(404);
    expect((await apiFetch(`${W}/customers/${customer}/cards`, { token: till })).status).toBe(403);
    expect((await apiFetch(`${wallet('T99999998')}/customers/${customer}/cards`, { token: other })).body).toEqual([]);
  });
});

describe('GET /cards/{card_id}?includes and list filters', () => {
  it('includes transactions and the secret formats (never a secret)', async () => {
    const { id, token } = await fundedCard(900);
    const res = await apiFetch(`${W}/cards/${id}?includes=transactions,pin.format,card_token.format`, { token: reader });
    expect(res.status).toBe(200);
    expect(res.body.transactions).toHaveLength(1);
    expect(res.body.pin.format).toMatchObject({ length: 4, numbers: true });
    expect(res.body.card_token.format).toMatchObject({ length: 16 });
    expect(res.text).not.toContain(token);
    expect((await apiFetch(`${W}/cards/${id}?includes=secrets`, { token: reader })).status).toBe(422);
  });

  it('filters by status, customer, creation time and available amount', async () => {
    const customer = uniqueId('filter');
    const since = new Date().toISOString();
    const rich = await fundedCard(90_000, { customer_id: customer });
    const poor = await fundedCard(10, { customer_id: customer });
    const inactive = uniqueId();
    await apiFetch(`${W}/cards/batch`, { token: admin, body: { cards: [{ card_id: inactive }] } });
    const ids = async (query: string) =>
      ((await apiFetch(`${W}/cards?limit=100&${query}`, { token: reader })).body.cards as { card_id: string }[]).map((c) => c.card_id);
    expect(await ids(`customer_id=${customer}`)).toEqual([rich.id, poor.id]);
    expect(await ids(`customer_id=${customer}&amount_available=1000`)).toEqual([rich.id]);
    expect(await ids(`customer_id=${customer}&amount_available_lte=1000`)).toEqual([poor.id]);
    expect(await ids(`created_at_gte=${encodeURIComponent(since)}&status=inactive`)).toEqual([inactive]);
    expect((await apiFetch(`${W}/cards?status=lost`, { token: reader })).status).toBe(422);
  });
});

describe('POST /cards (2026-11-30 create-card schema)', () => {
  it.each([
    ['status', 'active'],
    ['id', '00000000-0000-0000-0000-000000000000'],
    ['created_by', 'x'],
    ['amount_balance', 5],
  ])('refuses %s in the request', async (field, value) => {
    const res = await apiFetch(`${W}/cards`, { token: admin, body: { card_id: uniqueId(), amount: 100, currency: 'NOK', [field]: value } });
    expect(res.status).toBe(422);
  });

  it('creates an unused card and accepts originated_by', async () => {
    const res = await apiFetch(`${W}/cards`, { token: admin, body: { card_id: uniqueId(), amount: 100, currency: 'NOK', originated_by: 'web-shop' } });
    expect(res.body).toMatchObject({ status: 'unused', originated_by: 'web-shop' });
  });
});

it('GET /v1/openapi.json lists every declared operation', async () => {
  const res = await apiFetch('/v1/openapi.json');
  const ids = Object.values(res.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) =>
    Object.values(p).map((o) => o.operationId),
  );
  expect(ids.sort()).toEqual(['auth.token', ...Object.keys(OPERATIONS)].sort());
});

it('activation of a demo-account card still works with a Dintero-reserved key (regression of issue 10)', async () => {
  const demoAdmin = (await createApiClient(db, DEMO_ACCOUNT, ['admin:wallets'])).token;
  const id = uniqueId();
  await apiFetch(`${wallet()}/cards/batch`, { token: demoAdmin, body: { cards: [{ card_id: id }] } });
  const res = await activate(demoAdmin, id, { amount: 100, currency: 'NOK', metadata: { dintero_transaction_id: 'P12345678.xxxxx' } });
  expect(res.status).toBe(200);
});
