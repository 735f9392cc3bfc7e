/**
 * A print run reserves its card ids when it is ordered and creates the cards later; API cards
 * (batch or single) must not take those ids meanwhile, or the run fails part-way. Both sides
 * check under one per-account lock. A run that fails anyway says why in words, never with the
 * database's message. Both databases; the race on real PostgreSQL only.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { createCard } from '@/lib/cards/create-card';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema, createCardSchema } from '@/lib/cards/schemas';
import { MAX_ATTEMPTS } from '@/lib/jobs/queue';
import { runOneJob } from '@/lib/jobs/worker';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { cardIdAt } from './card-id-scheme';
import { failPrintRun } from './fill-print-run';
import { orderPrintRun } from './order-print-run';
import { orderPrintRunSchema } from './schemas';

/** Words a person can act on carry none of these (what PostgreSQL / Prisma would have said). */
const RAW = /duplicate key|23505|constraint|unique|violates|Raw query|P20\d\d|cards_account_id|SQL/i;

describe('card ids claimed by API cards and by print runs', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let api: ApiClientActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    api = { kind: 'api_client', apiClientId: '00000000-0000-0000-0000-000000000001', clientId: 'test', accountId: account.id, scopes: ['admin:wallets'] };
  });
  afterAll(async () => {
    await t.close();
  });

  const scheme = (prefix: string, start: number) => ({ prefix, start, padWidth: 6, luhn: true });
  const order = (prefix: string, start: number, quantity: number) =>
    orderPrintRun(
      admin,
      orderPrintRunSchema.parse({
        quantity: String(quantity),
        type: 'gift_card',
        idPrefix: prefix,
        startSequence: String(start),
        padWidth: '6',
        luhn: 'on',
        pinLength: '4',
        pinNumbers: 'on',
        tokenLength: '16',
        tokenNumbers: 'on',
      }),
    );
  const batch = (ids: string[]) => createBatchSchema.parse({ cards: ids.map((card_id) => ({ card_id })) });
  const drainJobs = async () => {
    while (await runOneJob()) {
      // every queued fill, one after another
    }
  };

  it('refuses an API batch with ids of a run not made yet (409 naming ids and run), and the run completes', async () => {
    const run = await order('AP', 1, 50);
    const inside = [cardIdAt(scheme('AP', 1), 10), cardIdAt(scheme('AP', 1), 49)];
    const before = { batches: await t.db.batch.count(), cards: await t.db.card.count() };

    const refused = await createCardBatch(api, batch(['ap-free-1', ...inside])).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      message: expect.stringContaining(run.id),
      details: { card_ids: inside, print_run: { id: run.id, first_card_id: cardIdAt(scheme('AP', 1), 0), last_card_id: cardIdAt(scheme('AP', 1), 49) } },
    });
    await expect(createCard(api, createCardSchema.parse({ card_id: inside[0], amount: 100, currency: 'NOK' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { card_ids: [inside[0]], print_run: { id: run.id } },
    });
    expect({ batches: await t.db.batch.count(), cards: await t.db.card.count() }).toEqual(before);

    // Ids beside the run, or looking like its ids but not among them, are free.
    const wrongCheckDigit = `${inside[0]!.slice(0, -1)}${(Number(inside[0]!.at(-1)) + 1) % 10}`;
    await expect(createCardBatch(api, batch([cardIdAt(scheme('AP', 1), 50), wrongCheckDigit]))).resolves.toMatchObject({ batch: { status: 'READY' } });
    await expect(createCard(api, createCardSchema.parse({ card_id: cardIdAt(scheme('AP', 1), 51), amount: 100, currency: 'NOK' }))).resolves.toMatchObject({
      status: 'unused',
    });

    await drainJobs();
    expect(await t.db.batch.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'READY', cardsCreated: 50, failureReason: null });
    // Once made, its ids are ordinary existing cards: still refused, now as existing.
    await expect(createCardBatch(api, batch([inside[0]!]))).rejects.toMatchObject({ code: 'CONFLICT', details: { card_ids: [inside[0]] } });
  });

  it('still refuses an order overlapping existing API cards', async () => {
    await createCardBatch(api, batch([cardIdAt(scheme('OV', 1), 5)]));
    await expect(order('OV', 1, 10)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  // Real PostgreSQL only: the embedded database's single connection runs them one after the other.
  it.skipIf(inject('dbKind') === 'embedded')('an order and an API batch racing for the same ids: exactly one wins, and the run completes', async () => {
    const orders: string[] = [];
    for (let round = 0; round < 8; round++) {
      const start = round * 1000 + 1;
      const [ordered, created] = await Promise.allSettled([order('RX', start, 100), createCardBatch(api, batch([cardIdAt(scheme('RX', start), 3)]))]);
      expect([ordered.status, created.status].sort()).toEqual(['fulfilled', 'rejected']);
      expect(ordered.status === 'rejected' ? ordered.reason : (created as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
      if (ordered.status === 'fulfilled') orders.push(ordered.value.id);
    }
    await drainJobs();
    const runs = await t.db.batch.findMany({ where: { id: { in: orders } } });
    expect(runs.map((r) => r.status)).toEqual(orders.map(() => 'READY'));
  });

  it('a run that fails on an id taken behind its back says so in words, naming the id', async () => {
    await drainJobs();
    const run = await order('FW', 1, 20);
    const taken = cardIdAt(scheme('FW', 1), 7);
    // Another path (an old server version, a manual import) writes a card with one of its ids.
    const other = await createCardBatch(api, batch(['fw-elsewhere']));
    await t.db.card.updateMany({ where: { batchId: other.batch.id }, data: { cardId: taken } });
    await t.db.job.updateMany({ where: { payload: { path: ['batchId'], equals: run.id } }, data: { attempts: MAX_ATTEMPTS - 1 } });

    expect(await runOneJob()).toBe(true); // the last attempt: it fails for good

    const failed = await t.db.batch.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toBe(
      `Card id ${taken} of this run was given to another card while the run was being made. Order the run again with another start number or prefix.`,
    );
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'print_run.failed', targetId: run.id } });
    expect(JSON.stringify(audit.data)).not.toMatch(RAW);
    expect(await t.db.card.count({ where: { batchId: run.id } })).toBe(0);
  });

  it('an unexpected error becomes a general sentence; the raw message is not stored', async () => {
    const run = await order('FU', 1, 5);
    const raw = new Error('Raw query failed. Code: `42P01`. Message: `relation "cards" does not exist`');
    await failPrintRun(run.id, raw, MAX_ATTEMPTS);
    const failed = await t.db.batch.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed.failureReason).toBe(
      `The cards could not be made because of an unexpected error on the server (tried ${MAX_ATTEMPTS} times). Order the run again; if it fails again, the server log has the details under batch ${run.id}.`,
    );
    expect(failed.failureReason).not.toMatch(/42P01|relation/);
  });
});
