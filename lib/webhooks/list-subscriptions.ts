import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { subscriptionView } from './views';

/** The account's subscriptions, oldest first (deleted ones left out). */
export async function listSubscriptions(actor: Actor) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  const rows = await getDb().webhookSubscription.findMany({ where: { accountId: actor.accountId, deletedAt: null }, orderBy: { createdAt: 'asc' } });
  return { subscriptions: rows.map(subscriptionView) };
}
