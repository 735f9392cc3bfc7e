/**
 * Manual redelivery against a real receiver: the new attempt carries the same event-delivery id
 * and the same signed body; a queued delivery cannot be redelivered; another account's delivery
 * is not found; and the step is audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.CARDSTOCK_WEBHOOK_ALLOW_PRIVATE = 'true';
});

import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { startReceiver } from '@/lib/testing/webhook-receiver';
import { createSubscription } from './create-subscription';
import { deliverNext } from './deliver-webhook';
import { pingSubscription } from './ping-subscription';
import { redeliverDelivery } from './redeliver-delivery';
import { createSubscriptionFormSchema } from './schemas';

describe('manual redelivery', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let otherAdmin: UserActor;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    admin = await seedUser(t.db, { accountId: (await seedAccount(t.db)).id, role: 'HQ_ADMIN' });
    otherAdmin = await seedUser(t.db, { accountId: (await seedAccount(t.db)).id, role: 'HQ_ADMIN' });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('sends the same event-delivery and body again, once per request, and only when not queued', async () => {
    // Through the HQ form's schema: one checkbox per event.
    const sub = await createSubscription(admin, createSubscriptionFormSchema.parse({ url: receiver.url(), secret: '', event_wallet_transaction: 'on' }));
    expect(sub.events).toEqual(['wallet_transaction']);
    // The creation ping is queued: it cannot be redelivered before it was sent.
    const ping = await t.db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: sub.id } });
    await expect(redeliverDelivery(admin, sub.id, ping.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deliverNext({ timeoutMs: 2000 });
    expect(receiver.received).toHaveLength(1);

    const again = await redeliverDelivery(admin, sub.id, ping.id);
    expect(again).toMatchObject({ id: ping.id, status: 'pending', attempts: 1 });
    // Two clicks queue it once.
    await expect(redeliverDelivery(admin, sub.id, ping.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deliverNext({ timeoutMs: 2000 });
    expect(await deliverNext({ timeoutMs: 2000 })).toBe(false);

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.headers['event-delivery']).toBe(ping.id);
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['event-signature']).toBe(first!.headers['event-signature']);
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: ping.id } });
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    expect(await t.db.auditEvent.count({ where: { action: 'webhook.delivery_redeliver', targetId: ping.id } })).toBe(1);

    await expect(redeliverDelivery(otherAdmin, sub.id, ping.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(redeliverDelivery(admin, sub.id, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(pingSubscription(admin, '3.5101009408589347e+106')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the form schema turns checkboxes into events and refuses a form without any', () => {
    const parsed = createSubscriptionFormSchema.safeParse({ url: 'https://example.com/h', secret: '' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toContain('events');
  });
});
