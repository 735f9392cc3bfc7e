import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { appendLedger } from '@/lib/cards/ledger';
import { lockCard } from '@/lib/cards/lock-card';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage, type UserMessage } from '@/lib/i18n/user-message';
import { isHeadOffice } from './get-counter-store';
import type { UndoActivationInput } from './schemas';
import { receiptNumberOf } from './views';

export const UNDO_WINDOW_MINUTES = 15;

export interface UndoRefusal {
  reason: 'not_activated' | 'already_used' | 'not_your_activation' | 'window_passed';
  message: string;
  /** The refusal for the UI, in the user's language (lib/i18n/user-message.ts). */
  userMessage: UserMessage;
}

/**
 * Who may undo an activation: the clerk who did it within 15 minutes, or HQ at any time — and
 * nobody once the card has been used (any drawdown, reservation or other ledger row after the
 * activation). Pure, so the "today" list shows the same verdict the undo will give.
 */
export function undoRefusal(
  actor: UserActor,
  card: { status: string; activatedBy: string | null; activatedAt: Date | null },
  hasBeenUsed: boolean,
  now = new Date(),
): UndoRefusal | null {
  if (card.status === 'inactive' || !card.activatedAt) return { reason: 'not_activated', message: 'This card is not activated, so there is nothing to undo.', userMessage: userMessage('undoNotActivated') };
  if (hasBeenUsed || card.status !== 'unused') {
    return { reason: 'already_used', message: 'The card has already been used, so its activation cannot be undone. Ask head office about a refund.', userMessage: userMessage('undoAlreadyUsed') };
  }
  if (isHeadOffice(actor)) return null;
  if (card.activatedBy !== actorRef(actor)) {
    return { reason: 'not_your_activation', message: 'Only the clerk who activated this card can undo it. Ask head office.', userMessage: userMessage('undoNotYours') };
  }
  if (now.getTime() - card.activatedAt.getTime() > UNDO_WINDOW_MINUTES * 60_000) {
    return { reason: 'window_passed', message: `Activations can be undone at the counter for ${UNDO_WINDOW_MINUTES} minutes only. Ask head office.`,
      userMessage: userMessage('undoWindowPassed', { minutes: UNDO_WINDOW_MINUTES }),
    };
  }
  return null;
}

/**
 * Undoes an activation: the card goes back to inactive (sellable details cleared), a REVERSAL
 * ledger row takes the loaded amount back off (cached balance 0, equal to the ledger), and the
 * audit log records it. Runs under the card's row lock, so a drawdown racing the undo either
 * lands first (and the undo is refused) or finds the card inactive.
 */
export async function undoActivation(actor: UserActor, input: UndoActivationInput) {
  assertCan(actor, 'cards:activate');
  const createdBy = actorRef(actor);
  return getDb().$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId: input.cardId });
    const rows = await tx.cardTransaction.findMany({
      where: { cardPk: card.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, kind: true, refId: true, amount: true, parentId: true },
    });
    // A card may have been activated, undone and activated again: the current activation is the
    // latest activation fund that no undo has reversed; earlier activation/undo pairs are not "use".
    const isActivationFund = (r: (typeof rows)[number]) => r.kind === 'FUND' && r.refId.startsWith('activation:');
    const isUndo = (r: (typeof rows)[number]) => r.kind === 'REVERSAL' && r.refId.startsWith('activation-undo:');
    const reversed = new Set(rows.filter(isUndo).map((r) => r.parentId));
    const fund = rows.filter((r) => isActivationFund(r) && !reversed.has(r.id)).at(-1);
    const loaded = fund?.amount ?? BigInt(0);
    const hasBeenUsed = rows.some((r) => !isActivationFund(r) && !isUndo(r)) || card.balance !== loaded || card.pending !== BigInt(0);
    const refusal = undoRefusal(actor, card, hasBeenUsed);
    if (refusal) throw new AppError('CONFLICT', refusal.message, { reason: refusal.reason }, refusal.userMessage);

    if (fund) {
      await appendLedger(tx, {
        accountId: actor.accountId,
        cardPk: card.id,
        kind: 'REVERSAL',
        amount: loaded,
        currency: card.currency!,
        refId: `activation-undo:${fund.id}`,
        parentId: fund.id,
        metadata: { reason: 'activation_undone' },
        createdBy,
      });
    }
    await tx.card.update({
      where: { id: card.id },
      data: {
        status: 'inactive',
        currency: null,
        amount: BigInt(0),
        customerId: null,
        name: null,
        originatedBy: null,
        metadata: {},
        activeFrom: null,
        expiresAt: null,
        activatedAt: null,
        activatedStoreId: null,
        activatedBy: null,
      },
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'card.activation_undo',
        target: { type: 'card', id: card.id },
        data: {
          card_id: card.cardId,
          amount: Number(loaded),
          currency: card.currency,
          store_id: card.activatedStoreId,
          activated_at: card.activatedAt?.toISOString() ?? null,
          activated_by: card.activatedBy,
          receipt_number: receiptNumberOf(card.metadata),
        },
      },
      tx,
    );
    return { cardId: card.cardId, amount: Number(loaded), currency: card.currency };
  });
}
