import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { WebhookSubscription } from '@/lib/generated/prisma/client';
import { randomUUID } from 'node:crypto';
import { PING } from './events';
import { isUuid } from './uuid';

/** Queues a `ping` delivery to one subscription (the worker sends it); returns its event-delivery id. */
export async function enqueuePing(tx: DbTx, subscription: Pick<WebhookSubscription, 'id' | 'accountId'>): Promise<string> {
  const id = randomUUID();
  const body = JSON.stringify({ account_id: subscription.accountId, event: PING, event_delivery: id, hook_id: subscription.id });
  await tx.webhookDelivery.create({ data: { id, subscriptionId: subscription.id, event: PING, body } });
  return id;
}

/** POST /hooks/subscriptions/{hid}/ping: queues a ping; 202 with the delivery id to look up in the delivery log. */
export async function pingSubscription(actor: Actor, subscriptionId: string) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  // Checked first: a malformed id would otherwise be a database error on the uuid column (a 500).
  if (!isUuid(subscriptionId)) throw new AppError('NOT_FOUND', 'Webhook subscription not found.', undefined, userMessage('webhookNotFound'));
  return getDb().$transaction(async (tx) => {
    const sub = await tx.webhookSubscription.findFirst({ where: { id: subscriptionId, accountId: actor.accountId, deletedAt: null } });
    if (!sub) throw new AppError('NOT_FOUND', 'Webhook subscription not found.', undefined, userMessage('webhookNotFound'));
    return { event_delivery: await enqueuePing(tx, sub) };
  });
}
