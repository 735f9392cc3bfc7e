import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { CARD_UNBLOCKED } from '@/lib/webhooks/events';
import { enqueueEvent } from '@/lib/webhooks/outbox';
import { ledgerAmounts } from './amounts';
import { blockedCardView, cardEventView } from './block-card';
import { lockCard } from './lock-card';
import type { UnblockCardInput } from './schemas';

/**
 * Lifts a block: the card is again exactly as it was (its status, balance and ledger never
 * changed). HQ staff and admins, or a write:wallets client; never a clerk. Naturally
 * idempotent: unblocking a card that is not blocked changes nothing and answers the same.
 */
export async function unblockCard(actor: Actor, cardId: string, input: UnblockCardInput) {
  authorizeActor(actor, { permission: 'cards:block', apiOperation: 'cards:write' });
  return getDb().$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId }, { includeBlocked: true });
    // Deactivated for good (deactivate-card.ts): the block is permanent.
    if (card.deactivatedAt)
      throw new AppError(
        'CONFLICT',
        'The card is deactivated for good and cannot be unblocked.',
        { reason: 'card_deactivated' },
        userMessage('deactivatedCannotUnblock'),
      );
    if (!card.blockedAt) return blockedCardView(card, (await ledgerAmounts(tx, [card.id])).get(card.id)!);
    const unblocked = await tx.card.update({ where: { id: card.id }, data: { blockedAt: null, blockedReason: null, blockedNote: null, blockedBy: null } });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'card.unblock',
        target: { type: 'card', id: card.id },
        data: {
          card_id: cardId,
          via: actor.kind === 'user' ? 'hq' : 'api',
          before: {
            blocked: true,
            reason: card.blockedReason,
            blocked_at: card.blockedAt.toISOString(),
            blocked_by: card.blockedBy,
            ...(card.blockedNote ? { note: card.blockedNote } : {}),
          },
          after: { blocked: false, ...(input.note ? { note: input.note } : {}) },
        },
      },
      tx,
    );
    const view = blockedCardView(unblocked, (await ledgerAmounts(tx, [card.id])).get(card.id)!);
    await enqueueEvent(tx, actor.accountId, CARD_UNBLOCKED, { card: cardEventView(view) });
    return view;
  });
}
