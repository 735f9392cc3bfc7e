import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { withIdempotencyKey } from '@/lib/idempotency/with-idempotency-key';
import type { ChangeExpiryInput } from './control-schemas';
import { assertNotDeactivated, controlAudit } from './controls';
import { lockCard } from './lock-card';

/** A new expiry must lie ahead: to end a card now, deactivate it. */
export function assertFutureExpiry(expiresAt: Date, now = new Date()): void {
  if (expiresAt <= now)
    throw new AppError('UNPROCESSABLE', 'The new expiry date must be in the future.', { reason: 'expiry_in_past' }, userMessage('newExpiryInPast'));
}

/**
 * Extends or shortens one card's expiry (to a future date), with an audit row holding the old and
 * the new date, under the card's row lock. A balance the expiry job has already booked off stays
 * booked off (extend before it expires, or credit it back with an adjustment). HQ staff and admins
 * (cards:expiry) or write:wallets clients; not a deactivated card. Idempotent on `request_key`
 * (lib/idempotency): the same key answers the first result.
 */
export async function changeCardExpiry(actor: Actor, cardId: string, input: ChangeExpiryInput) {
  authorizeActor(actor, { permission: 'cards:expiry', apiOperation: 'cards:write' });
  assertFutureExpiry(input.expires_at);
  const result = await withIdempotencyKey(
    { accountId: actor.accountId, actor: actorRef(actor), key: input.request_key, operation: 'cardstock.cards.expiry', request: { cardId, ...input } },
    async () =>
      getDb().$transaction(async (tx) => {
        const card = await lockCard(tx, actor.accountId, { cardId }, { includeBlocked: true });
        assertNotDeactivated(card);
        const before = card.expiresAt?.toISOString() ?? null;
        const after = input.expires_at.toISOString();
        if (before !== after) {
          await tx.card.update({ where: { id: card.id }, data: { expiresAt: input.expires_at } });
          await recordAuditEvent(
            controlAudit(actor, card, {
              action: 'card.expiry',
              data: {
                reason: input.reason,
                note: input.note,
                request_key: input.request_key,
                before: { expires_at: before },
                after: { expires_at: after },
              },
            }),
            tx,
          );
        }
        return { status: 200, body: { card_id: card.cardId, expires_at_before: before, expires_at: after, changed: before !== after } };
      }),
  );
  return result.body as { card_id: string; expires_at_before: string | null; expires_at: string; changed: boolean };
}
