/**
 * Without CARDSTOCK_WEBHOOK_ALLOW_PRIVATE (the default), a loopback receiver is refused at
 * creation (422) and — should a host come to resolve to such an address later — at delivery:
 * nothing reaches it, and the delivery log says why.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { getEnv } from '@/lib/env';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { startReceiver } from '@/lib/testing/webhook-receiver';
import { createSubscription } from './create-subscription';
import { deliverNext } from './deliver-webhook';
import { enqueuePing } from './ping-subscription';
import { createSubscriptionSchema } from './schemas';
import { sealWebhookSecret } from './secret-box';

describe('webhook SSRF refusal (default settings)', () => {
  let t: TestDatabase;
  let admin: ApiClientActor;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = {
      kind: 'api_client',
      accountId: account.id,
      apiClientId: '00000000-0000-0000-0000-00000000c001',
      clientId: 'ssrf-admin',
      scopes: ['admin:wallets'],
    };
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('is off by default', () => expect(getEnv().CARDSTOCK_WEBHOOK_ALLOW_PRIVATE).toBe(false));

  it.each(['url', 'localhost'])('refuses a loopback receiver at creation (%s)', async (kind) => {
    const url = kind === 'url' ? receiver.url() : receiver.url().replace('127.0.0.1', 'localhost');
    await expect(createSubscription(admin, createSubscriptionSchema.parse({ config: { url }, events: ['wallet_transaction'] }))).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    expect(await t.db.webhookSubscription.count()).toBe(0);
  });

  it('refuses it at delivery too, sending nothing', async () => {
    const id = randomUUID();
    const sealed = sealWebhookSecret(id, 'a-secret-of-sixteen+');
    const sub = await t.db.webhookSubscription.create({
      data: {
        id,
        accountId: admin.accountId,
        url: receiver.url(),
        events: ['wallet_transaction'],
        secretKeyId: sealed.keyId,
        secretNonce: sealed.nonce,
        secretCiphertext: sealed.ciphertext,
        createdBy: 'test',
      },
    });
    const deliveryId = await enqueuePing(t.db, sub);
    expect(await deliverNext()).toBe(true);
    expect(receiver.received).toHaveLength(0);
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/private, loopback or link-local/);
  });
});
