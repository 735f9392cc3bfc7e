import { randomUUID } from 'node:crypto';
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { resolveReceiver } from './address-guard';
import { enqueuePing } from './ping-subscription';
import type { CreateSubscriptionInput } from './schemas';
import { generateWebhookSecret, sealWebhookSecret } from './secret-box';
import { subscriptionView } from './views';

/**
 * Creates a webhook subscription (HQ admins; API clients with admin:wallets) and queues a ping to
 * it, as Dintero does. The URL's host must resolve to public addresses unless
 * CARDSTOCK_WEBHOOK_ALLOW_PRIVATE is set (checked again at every delivery). The secret, given or
 * generated, is in this response only; it is stored sealed, never logged.
 */
export async function createSubscription(actor: Actor, input: CreateSubscriptionInput) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  await resolveReceiver(new URL(input.config.url), getEnv().CARDSTOCK_WEBHOOK_ALLOW_PRIVATE);
  const id = randomUUID();
  const secret = input.config.secret ?? generateWebhookSecret();
  const sealed = sealWebhookSecret(id, secret);
  const row = await getDb().$transaction(async (tx) => {
    const created = await tx.webhookSubscription.create({
      data: {
        id,
        accountId: actor.accountId,
        url: input.config.url,
        contentType: input.config.content_type,
        insecureSsl: input.config.insecure_ssl,
        events: [...new Set(input.events)],
        active: input.active,
        secretKeyId: sealed.keyId,
        secretNonce: sealed.nonce,
        secretCiphertext: sealed.ciphertext,
        createdBy: actorRef(actor),
      },
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'webhook.subscription_create',
        target: { type: 'webhook_subscription', id },
        data: { url: created.url, events: created.events },
      },
      tx,
    );
    if (created.active) await enqueuePing(tx, created);
    return created;
  });
  const view = subscriptionView(row);
  return { ...view, config: { ...view.config, secret: { type: 'HMAC-SHA1' as const, value: secret } } };
}
