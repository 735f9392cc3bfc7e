import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { ledgerAmounts } from './amounts';
import { blockedCardView } from './block-card';
import type { DeactivateCardInput } from './control-schemas';
import { balanceFacts, controlAudit, controlHash, controlRefId } from './controls';
import { appendLedger } from './ledger';
import { lockCard } from './lock-card';

const ZERO = BigInt(0);

/**
 * Deactivates a card for good (Square's DEACTIVATE): it is blocked with reason `deactivated` and
 * `deactivated_at`, which unblock refuses, so it never takes a transaction, a PIN or a balance check
 * again (the same answer as an unknown card). A remaining balance is written off in the same
 * transaction as a WRITE_OFF row, which the reports count as breakage; to keep the value, replace
 * the card first. A card holding a reservation is refused (capture or void it first). HQ admins
 * (cards:deactivate) or admin:wallets clients. Naturally idempotent: deactivating a deactivated card
 * answers the same, and the write-off's ref_id is the request key.
 */
export async function deactivateCard(actor: Actor, cardId: string, input: DeactivateCardInput) {
  authorizeActor(actor, { permission: 'cards:deactivate', apiOperation: 'cards:admin' });
  const by = actorRef(actor);
  return getDb().$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId }, { includeBlocked: true });
    const view = async (c: typeof card) => ({
      ...blockedCardView(c, (await ledgerAmounts(tx, [c.id])).get(c.id)!),
      deactivated_at: c.deactivatedAt?.toISOString(),
    });
    if (card.deactivatedAt) return view(card);
    if (card.pending !== ZERO) {
      throw new AppError(
        'CONFLICT',
        'The card holds a reservation: capture or void it first.',
        {
          reason: 'pending_reservation',
          amount_pending: Number(card.pending),
        },
        userMessage('pendingReservation'),
      );
    }
    const now = new Date();
    const deactivated = await tx.card.update({
      where: { id: card.id },
      data: { blockedAt: now, blockedReason: 'deactivated', blockedNote: input.note, blockedBy: by, deactivatedAt: now },
    });
    const audit = (transactionId: string | null) =>
      controlAudit(actor, card, {
        action: 'card.deactivate',
        data: {
          reason: input.reason,
          note: input.note,
          request_key: input.request_key,
          ...(transactionId ? { transaction_id: transactionId, written_off: Number(card.balance) } : {}),
          before: { ...balanceFacts(card), status: card.status, blocked: card.blockedAt !== null },
          after: { ...balanceFacts({ balance: ZERO, pending: ZERO }), status: card.status, blocked: true, deactivated: true },
        },
      });
    if (card.balance > ZERO) {
      await appendLedger(tx, {
        accountId: actor.accountId,
        cardPk: card.id,
        kind: 'WRITE_OFF',
        amount: card.balance,
        currency: card.currency!,
        refId: controlRefId('deactivate', input.request_key),
        requestHash: controlHash('deactivate', cardId, input),
        metadata: { reason: input.reason, note: input.note, deactivated: true },
        createdBy: by,
        audit: (transactionId) => audit(transactionId),
      });
    } else {
      await recordAuditEvent(audit(null), tx);
    }
    return view({ ...deactivated, balance: ZERO });
  });
}
