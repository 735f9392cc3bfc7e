/**
 * Races against real PostgreSQL through the real server: activation happens exactly once,
 * balances never go below zero, a ref_id has one effect; and no clear secret is stored outside
 * the vault or written to the server's log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { amountsFromSums } from './amounts';
import { apiFetch, openApiDb, readServerLog } from '@/lib/testing/http-client';
import { activate, activeCard, createApiClient, createBatch, DEMO_ACCOUNT, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';

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

describe('concurrency on real PostgreSQL', () => {
  it('100 concurrent activations of one card: exactly one 200, 99 × 409, one ledger row', async () => {
    const id = uniqueId();
    await createBatch(admin, [id]);
    const results = await Promise.all(Array.from({ length: 100 }, () => activate(admin, id, { amount: 10000, currency: 'NOK' })));
    expect(count(results.map((r) => r.status))).toEqual({ 200: 1, 409: 99 });
    const card = await db.card.findFirstOrThrow({ where: { cardId: id } });
    expect(await db.cardTransaction.count({ where: { cardPk: card.id } })).toBe(1);
    expect(card.balance).toBe(BigInt(10000));
  });

  it('200 concurrent drawdowns of 10.00 on a 1,000.00 card: exactly 100 succeed and the balance ends at 0', async () => {
    const card = await activeCard(admin, 100_000);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        apiFetch(`${wallet()}/transactions`, { token: admin, body: { ref_id: uniqueId('r'), amount: 1000, currency: 'NOK', token: card.token } }),
      ),
    );
    expect(count(results.map((r) => r.status))).toEqual({ 200: 100, 409: 100 });
    const row = await db.card.findFirstOrThrow({ where: { cardId: card.cardId } });
    expect(row.balance).toBe(BigInt(0));
    const info = await apiFetch(`${wallet()}/info`, { token: admin, body: { token: card.token } });
    expect(info.body).toMatchObject({ amount_balance: 0, amount_available: 0, amount_drawdown: 100_000 });
  });

  it('concurrent replays of one ref_id have one effect', async () => {
    const card = await activeCard(admin, 10_000);
    const refId = uniqueId('r');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        apiFetch(`${wallet()}/transactions`, { token: admin, body: { ref_id: refId, amount: 700, currency: 'NOK', card_id: card.cardId } }),
      ),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const row = await db.card.findFirstOrThrow({ where: { cardId: card.cardId } });
    expect(row.balance).toBe(BigInt(9300));
  });

  it('after all of the above, every card’s cached balance and pending equal its ledger', async () => {
    const cards = await db.card.findMany({ select: { id: true, balance: true, pending: true } });
    const sums = await db.cardTransaction.groupBy({ by: ['cardPk', 'kind'], _sum: { amount: true } });
    for (const card of cards) {
      const mine = Object.fromEntries(sums.filter((s) => s.cardPk === card.id).map((s) => [s.kind, s._sum.amount ?? BigInt(0)]));
      const amounts = amountsFromSums(mine);
      expect({ balance: card.balance, pending: card.pending }).toEqual({ balance: amounts.amount_balance, pending: amounts.amount_pending });
    }
  });
});

describe('secrets', () => {
  it('generated tokens and PINs are unique and follow the format', async () => {
    const ids = Array.from({ length: 500 }, () => uniqueId('fmt'));
    const res = await createBatch(admin, ids, {
      pin: { format: { length: 6, numbers: true, characters: true } },
      card_token: { format: { length: 20, characters: true, prefix: 'CS-' } },
    });
    expect(res.status).toBe(200);
    const tokens = res.body.cards.map((c: { card_token: { token: { value: string } } }) => c.card_token.token.value);
    const pins = res.body.cards.map((c: { pin: { pin: { value: string } } }) => c.pin.pin.value);
    expect(new Set(tokens).size).toBe(500);
    for (const t of tokens) expect(t).toMatch(/^CS-[A-HJ-NP-Z]{20}$/);
    for (const p of pins) expect(p).toMatch(/^[0-9A-HJ-NP-Z]{6}$/);
  });

  it('no clear token or PIN is stored outside the encrypted vault, or written to the server log', async () => {
    const ids = Array.from({ length: 20 }, () => uniqueId('leak'));
    const res = await createBatch(
      admin,
      ids,
      { pin: { format: { length: 12, numbers: true, characters: true } }, card_token: { format: { length: 24, characters: true, numbers: true } } },
      { 'idempotency-key': uniqueId('key') },
    );
    expect(res.status).toBe(200);
    const secrets: string[] = res.body.cards.flatMap((c: { card_token: { token: { value: string } }; pin: { pin: { value: string } } }) => [
      c.card_token.token.value,
      c.pin.pin.value,
    ]);
    // Use the secrets the way clients do, so they pass through every code path once.
    await activate(admin, ids[0]!);
    await apiFetch(`${wallet()}/info`, { token: admin, body: { token: secrets[0], pin: secrets[1] } });
    await apiFetch(`${wallet()}/info`, { token: admin, body: { card_id: ids[0], pin: 'WRONGPIN0000' } });

    const tables = ['cards', 'batches', 'card_transactions', 'audit_events', 'idempotency_records', 'secret_vault_chunks'];
    for (const table of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      const dump = rows.map((r) => r.row).join('\n');
      for (const secret of secrets) expect(dump.includes(secret), `${table} contains a clear secret`).toBe(false);
    }
    const log = await readServerLog();
    expect(log.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(log.includes(secret), 'server log contains a clear secret').toBe(false);
  });
});
