/**
 * Webhooks end to end against a real HTTP receiver on 127.0.0.1 (CARDSTOCK_WEBHOOK_ALLOW_PRIVATE
 * on for this file): the outbox is written in the change's own transaction (and not for a
 * rolled-back one), deliveries carry Dintero's headers and body, the README's verification
 * snippet accepts the real signature, failures retry with backoff exactly 5 times, a redirect
 * and a slow receiver are failures, a killed worker's delivery is sent again after its lease with
 * the same event-delivery id, and a deleted subscription gets nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.CARDSTOCK_WEBHOOK_ALLOW_PRIVATE = 'true';
});

import type { ApiClientActor } from '@/lib/auth/actor';
import { activateCard } from '@/lib/cards/activate-card';
import { createCard } from '@/lib/cards/create-card';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { appendLedger } from '@/lib/cards/ledger';
import { activateCardSchema, createBatchSchema, createCardSchema } from '@/lib/cards/schemas';
import { fillPrintRun } from '@/lib/print-runs/fill-print-run';
import { orderPrintRun } from '@/lib/print-runs/order-print-run';
import { orderPrintRunSchema } from '@/lib/print-runs/schemas';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { startReceiver, type Received } from '@/lib/testing/webhook-receiver';
import { createSubscription } from './create-subscription';
import { deleteSubscription } from './delete-subscription';
import { claimDelivery, deliverNext, type DeliveryOptions } from './deliver-webhook';
import { dispatchOutbox } from './dispatch-outbox';
import { listDeliveries } from './list-deliveries';
import { pingSubscription } from './ping-subscription';
import { createSubscriptionSchema } from './schemas';

/** The exact snippet README.md shows under "Verifying the signature", evaluated as written. */
function readmeVerifier(): (rawBody: string, signature: unknown, secret: string) => boolean {
  const readme = readFileSync('README.md', 'utf8');
  const code = /<!-- webhook-signature-snippet -->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code) throw new Error('README.md lost its webhook signature snippet');
  return new Function('require', `${code}\nreturn isFromCardstock;`)(createRequire(import.meta.url));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('webhooks', () => {
  let t: TestDatabase;
  let admin: ApiClientActor;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const verify = readmeVerifier();
  const fast: DeliveryOptions = { backoffBaseMs: 50, backoffFactor: 2, timeoutMs: 2000 };

  /** Sends everything due until nothing is left (and `until` holds, if given), within 10 s. */
  async function drain(options: DeliveryOptions = fast, until?: () => Promise<boolean>) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      while ((await dispatchOutbox()) > 0);
      const sent = await deliverNext(options);
      if (!sent && (!until || (await until()))) return;
      if (Date.now() > deadline) throw new Error('drain timed out');
      if (!sent) await sleep(10);
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = {
      kind: 'api_client',
      accountId: account.id,
      apiClientId: '00000000-0000-0000-0000-00000000b001',
      clientId: 'hooks-admin',
      scopes: ['admin:wallets'],
    };
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  let subId: string;
  let secret: string;

  it('creates a subscription (secret shown once, stored sealed) and pings it with a verifiable signature', async () => {
    const created = await createSubscription(
      admin,
      createSubscriptionSchema.parse({ config: { url: receiver.url() }, events: ['wallet_transaction', 'cardstock_card_activated'] }),
    );
    subId = created.id;
    secret = created.config.secret.value;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const row = await t.db.webhookSubscription.findUniqueOrThrow({ where: { id: subId } });
    expect(Buffer.from(row.secretCiphertext).includes(Buffer.from(secret))).toBe(false);
    await drain();
    const ping = receiver.received.at(-1)!;
    expect(ping.headers.event).toBe('ping');
    expect(verify(ping.body, ping.headers['event-signature'], secret)).toBe(true);
    expect(verify(ping.body, ping.headers['event-signature'], 'another-secret-entirely')).toBe(false);
    expect(verify(ping.body + ' ', ping.headers['event-signature'], secret)).toBe(false);
    expect(JSON.parse(ping.body)).toMatchObject({ account_id: admin.accountId, event: 'ping', event_delivery: ping.headers['event-delivery'] });
  });

  it('delivers wallet_transaction and cardstock_card_activated in Dintero’s format', async () => {
    receiver.received.length = 0;
    const batch = await createCardBatch(admin, createBatchSchema.parse({ cards: [{ card_id: 'hook-card-1' }] }));
    expect(batch).toBeDefined();
    await activateCard(admin, 'hook-card-1', activateCardSchema.parse({ amount: 25000, currency: 'NOK' }));
    await drain();
    const byEvent = (e: string) => receiver.received.filter((r) => r.headers.event === e);
    expect(byEvent('wallet_transaction')).toHaveLength(1);
    expect(byEvent('cardstock_card_activated')).toHaveLength(1);
    const tx = byEvent('wallet_transaction')[0]!;
    const body = JSON.parse(tx.body);
    expect(body).toMatchObject({
      account_id: admin.accountId,
      event: 'wallet_transaction',
      event_delivery: tx.headers['event-delivery'],
      transaction: { card_id: 'hook-card-1', type: 'fund', kind: 'fund', amount: 25000, currency: 'NOK', created_by: 'api_client:hooks-admin' },
    });
    expect(tx.headers['content-type']).toBe('application/json');
    expect(verify(tx.body, tx.headers['event-signature'], secret)).toBe(true);
    const activated = JSON.parse(byEvent('cardstock_card_activated')[0]!.body);
    expect(activated.card).toMatchObject({ card_id: 'hook-card-1', status: 'unused' });
    expect(JSON.stringify(activated)).not.toMatch(/"token"|"value"/);
  });

  it('delivers cardstock_print_run_ready when a print run is filled', async () => {
    receiver.received.length = 0;
    const hq = await seedUser(t.db, { accountId: admin.accountId, role: 'HQ_ADMIN' });
    const runSub = await createSubscription(
      hq,
      createSubscriptionSchema.parse({ config: { url: receiver.url('/runs'), secret: 'print-run-secret-123' }, events: ['cardstock_print_run_ready'] }),
    );
    const batch = await orderPrintRun(
      hq,
      orderPrintRunSchema.parse({
        quantity: '3',
        type: 'gift_card',
        idPrefix: 'HOOK',
        startSequence: '1',
        padWidth: '6',
        pinLength: '4',
        pinNumbers: 'on',
        tokenLength: '16',
        tokenNumbers: 'on',
      }),
    );
    await fillPrintRun(batch.id, async () => true);
    await drain();
    const ready = receiver.received.filter((r) => r.headers.event === 'cardstock_print_run_ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]!.path).toBe('/runs');
    expect(JSON.parse(ready[0]!.body)).toMatchObject({ event: 'cardstock_print_run_ready', print_run: { id: batch.id, quantity: 3, status: 'ready' } });
    expect(verify(ready[0]!.body, ready[0]!.headers['event-signature'], 'print-run-secret-123')).toBe(true);
    await deleteSubscription(hq, runSub.id);
  });

  it('writes no event for a change that is rolled back, nor for a refused activation', async () => {
    const before = await t.db.outboxEvent.count();
    const card = await createCard(admin, createCardSchema.parse({ card_id: 'hook-card-2', amount: 100, currency: 'NOK' }));
    const afterCreate = await t.db.outboxEvent.count();
    expect(afterCreate).toBe(before + 1); // its opening fund row
    await expect(
      t.db.$transaction(async (tx) => {
        await appendLedger(tx, {
          accountId: admin.accountId,
          cardPk: card.id,
          kind: 'FUND',
          amount: 5n,
          currency: 'NOK',
          refId: 'rolled-back',
          createdBy: 'test',
        });
        expect(await tx.outboxEvent.count()).toBe(afterCreate + 1); // written inside the transaction…
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.db.outboxEvent.count()).toBe(afterCreate); // …and gone with it
    await expect(activateCard(admin, 'hook-card-1', activateCardSchema.parse({ amount: 1, currency: 'NOK' }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.db.outboxEvent.count()).toBe(afterCreate);
    await drain();
  });

  it('retries a failing receiver exactly 5 times with growing gaps and the same delivery id, then gives up', async () => {
    receiver.received.length = 0;
    receiver.answerWith((res) => res.writeHead(500).end('no'));
    const { event_delivery } = await pingSubscription(admin, subId);
    await drain(fast, async () => (await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: event_delivery } })).status === 'FAILED');
    const hits = receiver.received.filter((r) => r.headers['event-delivery'] === event_delivery);
    expect(hits).toHaveLength(6); // the first attempt + 5 retries
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    const gaps = hits.slice(1).map((h, i) => h.at - hits[i]!.at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** i - 5));
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: event_delivery } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 6, lastStatusCode: 500 });
    const log = await listDeliveries(admin, subId, { limit: 10 });
    expect(log.deliveries[0]).toMatchObject({ id: event_delivery, status: 'failed', attempts: 6, last_status_code: 500 });
    expect(log.deliveries[0]!.last_latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('counts a redirect as a failure and never follows it', async () => {
    receiver.received.length = 0;
    receiver.answerWith((res) => res.writeHead(302, { location: receiver.url('/elsewhere') }).end());
    const { event_delivery } = await pingSubscription(admin, subId);
    await deliverNext(fast);
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook']);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: event_delivery } })).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: 302,
    });
    await t.db.webhookDelivery.update({ where: { id: event_delivery }, data: { status: 'FAILED' } });
  });

  it('times out a slow receiver', async () => {
    receiver.answerWith((res) => setTimeout(() => res.writeHead(200).end(), 1500));
    const { event_delivery } = await pingSubscription(admin, subId);
    const started = Date.now();
    await deliverNext({ ...fast, timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1200);
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: event_delivery } });
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(row.lastError).toMatch(/timed out/);
    await t.db.webhookDelivery.update({ where: { id: event_delivery }, data: { status: 'FAILED' } });
  });

  it('marks the subscription failing after 10 failed attempts in a row, and healthy again after a success', async () => {
    // 6 (retries) + 1 (redirect) + 1 (timeout) so far; two more.
    receiver.answerWith((res) => res.writeHead(503).end());
    for (let i = 0; i < 2; i += 1) {
      await pingSubscription(admin, subId);
      await deliverNext(fast);
    }
    let sub = await t.db.webhookSubscription.findUniqueOrThrow({ where: { id: subId } });
    expect(sub.consecutiveFailures).toBe(10);
    expect(sub.failingSince).not.toBeNull();
    await t.db.webhookDelivery.updateMany({ where: { subscriptionId: subId, status: 'PENDING' }, data: { status: 'FAILED' } });
    receiver.answerWith((res) => res.writeHead(200).end());
    await pingSubscription(admin, subId);
    await drain();
    sub = await t.db.webhookSubscription.findUniqueOrThrow({ where: { id: subId } });
    expect(sub).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it('redelivers, with the same event-delivery id, what a killed worker had claimed once its lease runs out', async () => {
    receiver.received.length = 0;
    const { event_delivery } = await pingSubscription(admin, subId);
    // A worker claims the delivery and dies before recording anything (its lease: 1 s).
    const claimed = await claimDelivery({ workerId: 'dead-worker', leaseSeconds: 1 });
    expect(claimed?.id).toBe(event_delivery);
    expect(await deliverNext({ ...fast, workerId: 'live-worker' })).toBe(false); // still leased
    await sleep(1100);
    expect(await deliverNext({ ...fast, workerId: 'live-worker' })).toBe(true);
    const hits: Received[] = receiver.received.filter((r) => r.headers['event-delivery'] === event_delivery);
    expect(hits).toHaveLength(1);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: event_delivery } })).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });

  it('sends nothing to a deleted subscription', async () => {
    receiver.received.length = 0;
    await pingSubscription(admin, subId);
    await deleteSubscription(admin, subId);
    await createCard(admin, createCardSchema.parse({ card_id: 'hook-card-3', amount: 100, currency: 'NOK' }));
    await drain();
    expect(receiver.received).toHaveLength(0);
    await expect(pingSubscription(admin, subId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses other scopes', async () => {
    const writer: ApiClientActor = { ...admin, clientId: 'w', scopes: ['write:wallets'] };
    await expect(
      createSubscription(writer, createSubscriptionSchema.parse({ config: { url: receiver.url() }, events: ['wallet_transaction'] })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
