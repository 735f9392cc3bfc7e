import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { isUuid } from './uuid';
import { subscriptionView } from './views';

/** Soft-deletes a subscription: nothing more is sent to it (queued deliveries are dropped), its log stays. */
export async function deleteSubscription(actor: Actor, subscriptionId: string) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  if (!isUuid(subscriptionId)) throw new AppError('NOT_FOUND', 'Webhook subscription not found.', undefined, userMessage('webhookNotFound'));
  return getDb().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.webhookSubscription.updateMany({
      where: { id: subscriptionId, accountId: actor.accountId, deletedAt: null },
      data: { deletedAt: now, deletedBy: actorRef(actor), active: false, updatedAt: now },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'Webhook subscription not found.', undefined, userMessage('webhookNotFound'));
    await tx.webhookDelivery.updateMany({ where: { subscriptionId, status: 'PENDING' }, data: { status: 'FAILED', lastError: 'subscription deleted' } });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'webhook.subscription_delete',
        target: { type: 'webhook_subscription', id: subscriptionId },
      },
      tx,
    );
    return subscriptionView(await tx.webhookSubscription.findUniqueOrThrow({ where: { id: subscriptionId } }));
  });
}
