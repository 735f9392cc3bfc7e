import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { findSubscription } from './get-subscription';
import type { ListDeliveriesQuery } from './schemas';
import { deliveryView } from './views';

/** A subscription's delivery log, newest first: status, attempts, last HTTP status and latency. */
export async function listDeliveries(actor: Actor, subscriptionId: string, query: ListDeliveriesQuery) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  const sub = await findSubscription(actor, subscriptionId);
  if (!sub) throw new AppError('NOT_FOUND', 'Webhook subscription not found.', undefined, userMessage('webhookNotFound'));
  const rows = await getDb().webhookDelivery.findMany({ where: { subscriptionId }, orderBy: { createdAt: 'desc' }, take: query.limit });
  return { deliveries: rows.map(deliveryView) };
}
