import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { isUuid } from './uuid';
import { deliveryView } from './views';

/**
 * Manual redelivery (HQ's delivery log, and the Cardstock extension
 * POST /hooks/subscriptions/{hid}/deliveries/{delivery_id}/redeliver): queues a new attempt of a
 * delivered or failed delivery with the SAME event-delivery id and body, so a receiver that
 * de-duplicates on `event-delivery` sees the same event again, not a new one. The attempt counter
 * keeps counting (the log shows every attempt); a failure of a manual attempt beyond the automatic
 * retry budget is final at once. One conditional UPDATE: two clicks queue it once, and a delivery
 * that is still queued or being sent is refused (CONFLICT) rather than sent twice in parallel.
 */
export async function redeliverDelivery(actor: Actor, subscriptionId: string, deliveryId: string) {
  authorizeActor(actor, { permission: 'webhooks:manage', apiOperation: 'hooks:manage' });
  if (!isUuid(subscriptionId) || !isUuid(deliveryId))
    throw new AppError('NOT_FOUND', 'Webhook delivery not found.', undefined, userMessage('deliveryNotFound'));
  return getDb().$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, subscriptionId, subscription: { accountId: actor.accountId, deletedAt: null } },
      include: { subscription: { select: { active: true } } },
    });
    if (!delivery) throw new AppError('NOT_FOUND', 'Webhook delivery not found.', undefined, userMessage('deliveryNotFound'));
    if (!delivery.subscription.active)
      throw new AppError('CONFLICT', 'The subscription is inactive; nothing is sent to it.', undefined, userMessage('subscriptionInactive'));
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { in: ['DELIVERED', 'FAILED'] } },
      data: { status: 'PENDING', nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
    });
    if (count === 0) throw new AppError('CONFLICT', 'This delivery is already queued or being sent.', undefined, userMessage('deliveryQueued'));
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'webhook.delivery_redeliver',
        target: { type: 'webhook_delivery', id: deliveryId },
        data: { subscription_id: subscriptionId, event: delivery.event, previous_status: delivery.status.toLowerCase(), attempts: delivery.attempts },
      },
      tx,
    );
    return deliveryView(await tx.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }));
  });
}
