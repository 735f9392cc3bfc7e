/**
 * How many SQL statements the till's hot path sends, counted at the pg driver (every
 * `client.query`, BEGIN and COMMIT included), so a change that adds a round trip fails here.
 * The numbers are the design (docs/BENCHMARKS.md): activation one statement; a balance check the
 * card, the caller's lookup lock and the ledger sums; a drawdown by token the card, the lock read,
 * and BEGIN, the locking read, the ref_id replay check, the ledger write (with cached balance,
 * status and audit row), COMMIT.
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

  it('activation 1, info by token 3, drawdown by token 8, capture 8 — and the amounts stay the ledger', async () => {
    const { secrets } = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: 'rt-1' }] }));
    const token = secrets[0]!.token;
    await count(async () => {}); // the pool's first connection is not a request's cost

    let view: Awaited<ReturnType<typeof activateCard>> | undefined;
    expect(await count(async () => (view = await activateCard(api, 'rt-1', activateCardSchema.parse({ amount: 5000, currency: 'NOK' }))))).toBe(1);
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'rt-1', accountId: api.accountId } });
    expect(view).toMatchObject({ status: 'unused', amount_balance: BigInt(5000), amount_funds: BigInt(5000), amount_available: BigInt(5000) });
    expect(view).toMatchObject((await ledgerAmounts(t.db, [card.id])).get(card.id)!);

    expect(await count(() => getCardInfo(api, cardInfoSchema.parse({ token })))).toBe(3);

    const drawdown = createTransactionSchema.parse({ token, type: 'drawdown', amount: 100, currency: 'NOK', ref_id: 'rt-d1' });
    // 7 + the webhook outbox row of the ledger row (lib/webhooks/outbox.ts), in the same transaction.
    expect(await count(() => createTransaction(api, drawdown))).toBe(8);

    let reserveId = '';
    const reserve = createTransactionSchema.parse({ token, type: 'drawdown', pending: true, amount: 200, currency: 'NOK', ref_id: 'rt-r1' });
    await count(async () => (reserveId = (await createTransaction(api, reserve)).transaction.id));
    // The reservation read, BEGIN, lock, replay check, the settled sum, the ledger write, COMMIT.
    expect(await count(() => settleTransaction(api, reserveId, { kind: 'capture', input: { ref_id: 'rt-c1' } }))).toBe(8);

    const after = await t.db.card.findUniqueOrThrow({ where: { id: card.id } });
    const amounts = (await ledgerAmounts(t.db, [card.id])).get(card.id)!;
    expect({ status: after.status, balance: after.balance, pending: after.pending }).toEqual({
      status: 'active',
      balance: amounts.amount_balance,
      pending: amounts.amount_pending,
    });
    expect(amounts).toMatchObject({ amount_balance: BigInt(4700), amount_pending: BigInt(0) });
    expect(await t.db.auditEvent.count({ where: { targetId: card.id } })).toBe(4);
  });
});
