/**
 * HQ's controls through the Cardstock API extensions over real HTTP (`next start` on real
 * PostgreSQL): adjust, refund, replace, expiry and deactivate — the answers, the request_key
 * replays, 4xx on bad input with nothing changed, and the access rules (value moves for
 * admin:wallets only; replace/expiry for write:wallets too; read and till scopes 403; another
 * account 403 here and 404 for this card on its own URLs). The ledger sums after every test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { activeCard, createBatch, DEMO_ACCOUNT, standardApiClients, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';
import { checkLedger } from './check-ledger';

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
afterEach(async () => {
  expect((await checkLedger(db)).mismatchCount).toBe(0);
});
afterAll(async () => {
  await db.$disconnect();
});

const ext = (cardId: string, what: string, account = DEMO_ACCOUNT) => `/v1/accounts/${account}/cardstock/cards/${encodeURIComponent(cardId)}/${what}`;
const why = (reason: string) => ({ reason, note: 'HTTP test', request_key: randomUUID() });
const balance = async (cardId: string) => (await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId } })).balance;
const drawdown = async (cardId: string, amount: number) => {
  const res = await apiFetch(`${wallet()}/transactions`, { token: admin, body: { ref_id: uniqueId('dd'), amount, currency: 'NOK', card_id: cardId } });
  expect(res.status).toBe(200);
  return res.body.id as string;
};
async function inactiveCard(): Promise<string> {
  const id = uniqueId();
  expect((await createBatch(admin, [id])).status).toBe(200);
  return id;
}

describe('POST /cardstock/cards/{card_id}/adjust', () => {
  it('credits and debits by a signed delta (201, replay 200 with the same row); a debit below zero is 409; bad input 422', async () => {
    const card = await activeCard(admin, 1_000);
    const body = { amount: 250, currency: 'NOK', ...why('goodwill') };
    const up = await apiFetch(ext(card.cardId, 'adjust'), { token: admin, body });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ type: 'fund', kind: 'adjustment_credit', amount: 250, card_id: card.cardId });
    const replay = await apiFetch(ext(card.cardId, 'adjust'), { token: admin, body });
    expect([replay.status, replay.body.id]).toEqual([200, up.body.id]);
    const down = await apiFetch(ext(card.cardId, 'adjust'), { token: admin, body: { amount: -1_251, currency: 'NOK', ...why('correction') } });
    expect(down.status).toBe(409);
    expect(down.body.error.details).toMatchObject({ reason: 'insufficient_funds' });
    for (const bad of [
      { amount: 0, currency: 'NOK', ...why('goodwill') },
      { amount: 5, currency: 'NOK', ...why('bored') },
      { amount: 5, currency: 'NOK', reason: 'goodwill', request_key: randomUUID() },
    ]) {
      expect((await apiFetch(ext(card.cardId, 'adjust'), { token: admin, body: bad })).status).toBe(422);
    }
    expect(await balance(card.cardId)).toBe(BigInt(1_250));
    // The row is in the card's Wallet API transactions with the contract's type.
    const listed = await apiFetch(`${wallet()}/cards/${encodeURIComponent(card.cardId)}/transactions`, { token: readOnly, method: 'GET' });
    expect(listed.body.transactions ?? listed.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: up.body.id, type: 'fund', kind: 'adjustment_credit' })]),
    );
  });

  it('write, read and till scopes get 403; another account 403 / 404; nothing changes', async () => {
    const card = await activeCard(admin, 1_000);
    const body = () => ({ amount: 1, currency: 'NOK', ...why('goodwill') });
    for (const token of [writer, readOnly, tillOnly, otherAccount])
      expect((await apiFetch(ext(card.cardId, 'adjust'), { token, body: body() })).status).toBe(403);
    expect((await apiFetch(ext(card.cardId, 'adjust', 'T99999999'), { token: otherAccount, body: body() })).status).toBe(404);
    expect(await balance(card.cardId)).toBe(BigInt(1_000));
  });
});

describe('POST /cardstock/cards/{card_id}/refund', () => {
  it('refunds part of a drawdown as a linked fund; never more than was drawn; racing refunds over the limit: one lands', async () => {
    const card = await activeCard(admin, 10_000);
    const spent = await drawdown(card.cardId, 3_000);
    const first = await apiFetch(ext(card.cardId, 'refund'), { token: admin, body: { transaction_id: spent, amount: 1_000, ...why('double_charge') } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'fund', kind: 'refund', parent_id: spent, amount: 1_000 });
    const over = await apiFetch(ext(card.cardId, 'refund'), { token: admin, body: { transaction_id: spent, amount: 2_001, ...why('double_charge') } });
    expect([over.status, over.body.error.details.reason]).toEqual([409, 'refund_exceeds_drawdown']);
    const race = await Promise.all(
      Array.from({ length: 4 }, () =>
        apiFetch(ext(card.cardId, 'refund'), { token: admin, body: { transaction_id: spent, amount: 1_500, ...why('returned_goods') } }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await balance(card.cardId)).toBe(BigInt(10_000 - 3_000 + 1_000 + 1_500));
    expect((await apiFetch(ext(card.cardId, 'refund'), { token: writer, body: { transaction_id: spent, amount: 1, ...why('goodwill') } })).status).toBe(403);
    expect((await apiFetch(ext(card.cardId, 'refund'), { token: admin, body: { transaction_id: 'not-a-uuid', amount: 1, ...why('goodwill') } })).status).toBe(
      422,
    );
  });
});

describe('POST /cardstock/cards/{card_id}/replace', () => {
  it('moves the whole balance in two linked rows; the old card then answers like an unknown card; a replay moves nothing more', async () => {
    const card = await activeCard(admin, 4_000);
    const target = await inactiveCard();
    const body = { new_card_id: target, ...why('damaged') };
    const [x, y] = await Promise.all([
      apiFetch(ext(card.cardId, 'replace'), { token: writer, body }),
      apiFetch(ext(card.cardId, 'replace'), { token: writer, body }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect(x.body.transfer_id).toBe(y.body.transfer_id);
    expect(x.body).toMatchObject({
      from: { card_id: card.cardId, transaction: { kind: 'transfer_out', type: 'drawdown', amount: 4_000 } },
      to: { card_id: target, transaction: { kind: 'transfer_in', type: 'fund', amount: 4_000 } },
    });
    expect([await balance(card.cardId), await balance(target)]).toEqual([BigInt(0), BigInt(4_000)]);
    const old = await apiFetch(`${wallet()}/transactions`, {
      token: tillOnly,
      body: { ref_id: uniqueId('dd'), amount: 1, currency: 'NOK', token: card.token },
    });
    expect(old.status).toBe(404);
    for (const token of [readOnly, tillOnly])
      expect((await apiFetch(ext(target, 'replace'), { token, body: { new_card_id: await inactiveCard(), ...why('lost') } })).status).toBe(403);
  });
});

describe('POST /cardstock/cards/{card_id}/expiry and /deactivate', () => {
  it('changes the expiry (old and new in the answer); a past date is 422', async () => {
    const card = await activeCard(admin, 1_000);
    const expires_at = new Date(Date.now() + 500 * 86_400_000).toISOString();
    const res = await apiFetch(ext(card.cardId, 'expiry'), { token: writer, body: { expires_at, ...why('goodwill') } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ card_id: card.cardId, expires_at, changed: true });
    const past = await apiFetch(ext(card.cardId, 'expiry'), { token: writer, body: { expires_at: '2020-01-01T00:00:00Z', ...why('goodwill') } });
    expect([past.status, past.body.error.details.reason]).toEqual([422, 'expiry_in_past']);
    expect((await apiFetch(ext(card.cardId, 'expiry'), { token: readOnly, body: { expires_at, ...why('goodwill') } })).status).toBe(403);
  });

  it('deactivates for good (admin:wallets only): balance written off, unblock refused (409)', async () => {
    const card = await activeCard(admin, 2_000);
    expect((await apiFetch(ext(card.cardId, 'deactivate'), { token: writer, body: why('fraud') })).status).toBe(403);
    const res = await apiFetch(ext(card.cardId, 'deactivate'), { token: admin, body: why('fraud') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amount_balance: 0, blocked: { reason: 'deactivated' } });
    const unblock = await apiFetch(ext(card.cardId, 'unblock'), { token: admin, body: {} });
    expect([unblock.status, unblock.body.error.details.reason]).toEqual([409, 'card_deactivated']);
    expect(await balance(card.cardId)).toBe(BigInt(0));
  });
});
