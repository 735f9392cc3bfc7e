/**
 * How many SQL statements the till's hot path sends, counted at the pg driver (every
 * `client.query`, BEGIN and COMMIT included), so a change that adds a round trip fails here.
 * The numbers are the design (docs/BENCHMARKS.md): activation one statement; a balance check by
 * token the card with its ledger sums and the caller's lookup lock (by card_id + PIN the same two:
 * the PIN's not-locked check is read with the lock); a drawdown by token the card and one statement (the conditional
 * UPDATE, which also reads the caller's lookup lock, with the ledger, audit and outbox rows); a
 * capture or void one statement. A replay or a refusal reads the lock and takes the locked path
 * (BEGIN, locking read, ref_id check, COMMIT).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { setDb } from '@/lib/db/client';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { ledgerAmounts } from './amounts';
import { getCardInfo } from './card-info';
import { createCardBatch } from './create-card-batch';
import { createTransaction } from './create-transaction';
import { activateCardSchema, cardInfoSchema, createBatchSchema, createTransactionSchema } from './schemas';
import { settleTransaction } from './settle-transaction';

describe('statements per Wallet API operation', () => {
  let t: TestDatabase;
  let pool: pg.Pool;
  let counted: PrismaClient;
  let api: ApiClientActor;
  let statements = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    api = {
      kind: 'api_client',
      apiClientId: '00000000-0000-0000-0000-000000000001',
      clientId: 'test',
      accountId: (await seedAccount(t.db)).id,
      scopes: ['admin:wallets'],
    };
    pool = new pg.Pool({ connectionString: t.url, max: 1 });
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
    });
    counted = new PrismaClient({ adapter: new PrismaPg(pool) });
  });
  afterAll(async () => {
    setDb(t.db);
    await counted.$disconnect();
    await pool.end();
    await t.close();
  });

  async function count(run: () => Promise<unknown>): Promise<number> {
    setDb(counted);
    statements = 0;
    try {
      await run();
      return statements;
    } finally {
      setDb(t.db);
    }
  }

  it('activation 1, info by token 2, by card_id + PIN 2, drawdown by token 2, capture 1, void 1 — and the amounts stay the ledger', async () => {
    const { secrets } = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: 'rt-1' }] }));
    const { token, pin } = secrets[0]!;
    await count(async () => {}); // the pool's first connection is not a request's cost

    let view: Awaited<ReturnType<typeof activateCard>> | undefined;
    expect(await count(async () => (view = await activateCard(api, 'rt-1', activateCardSchema.parse({ amount: 5000, currency: 'NOK' }))))).toBe(1);
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'rt-1', accountId: api.accountId } });
    expect(view).toMatchObject({ status: 'unused', amount_balance: BigInt(5000), amount_funds: BigInt(5000), amount_available: BigInt(5000) });
    expect(view).toMatchObject((await ledgerAmounts(t.db, [card.id])).get(card.id)!);

    const drawdown = createTransactionSchema.parse({ token, type: 'drawdown', amount: 100, currency: 'NOK', ref_id: 'rt-d1' });
    let first: Awaited<ReturnType<typeof createTransaction>> | undefined;
    expect(await count(async () => (first = await createTransaction(api, drawdown)))).toBe(2);
    // A replay: the one statement matches nothing (the ref_id is there), the locked path answers it.
    let replay: Awaited<ReturnType<typeof createTransaction>> | undefined;
    expect(await count(async () => (replay = await createTransaction(api, drawdown)))).toBe(7);
    expect(replay).toEqual({ ...first, isReplay: true });

    let reserveId = '';
    const reserve = createTransactionSchema.parse({ token, type: 'drawdown', pending: true, amount: 200, currency: 'NOK', ref_id: 'rt-r1' });
    await count(async () => (reserveId = (await createTransaction(api, reserve)).transaction.id));
    expect(await count(() => settleTransaction(api, reserveId, { kind: 'capture', input: { ref_id: 'rt-c1', amount: 50 } }))).toBe(1);
    expect(await count(() => settleTransaction(api, reserveId, { kind: 'void', input: { ref_id: 'rt-v1' } }))).toBe(1);

    let info: Awaited<ReturnType<typeof getCardInfo>> | undefined;
    expect(await count(async () => (info = await getCardInfo(api, cardInfoSchema.parse({ token }))))).toBe(2);
    const amounts = (await ledgerAmounts(t.db, [card.id])).get(card.id)!;
    expect(info).toMatchObject({ ...amounts, status: 'active' });
    expect(amounts).toMatchObject({ amount_balance: BigInt(4850), amount_drawdown: BigInt(150), amount_pending: BigInt(0) });
    expect(await count(() => getCardInfo(api, cardInfoSchema.parse({ card_id: 'rt-1', pin })))).toBe(2);

    const after = await t.db.card.findUniqueOrThrow({ where: { id: card.id } });
    expect({ status: after.status, balance: after.balance, pending: after.pending }).toEqual({
      status: 'active',
      balance: amounts.amount_balance,
      pending: amounts.amount_pending,
    });
    // activation, drawdown, reservation, capture, void; one webhook event per ledger row (+ the activation's).
    expect(await t.db.auditEvent.count({ where: { targetId: card.id } })).toBe(5);
    const rows = await t.db.cardTransaction.findMany({ where: { cardPk: card.id }, select: { id: true } });
    expect(rows).toHaveLength(5);
    const events = await t.db.outboxEvent.findMany({ where: { event: 'wallet_transaction' } });
    expect(new Set(events.map((e) => (e.payload as { transaction: { id: string } }).transaction.id))).toEqual(new Set(rows.map((r) => r.id)));
  });
});
