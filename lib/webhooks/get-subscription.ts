import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { isUuid } from './uuid';
import { subscriptionView } from './views';

export async function findSubscription(actor: Actor, subscriptionId: string) {
  if (!isUuid(subscriptionId)) return null;
  return getDb().webhookSubscription.findFirst({ where: { id: subscriptionId, accountId: actor.accountId, deletedAt: null } });
}

export async function getSubscription(actor: Actor, subscriptionId: string) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  const sub = await findSubscription(actor, subscriptionId);
  if (!sub) throw new AppError('NOT_FOUND', 'Webhook subscription not found.', undefined, userMessage('webhookNotFound'));
  return subscriptionView(sub);
}
