import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb, type DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { Card, CardTransaction } from '@/lib/generated/prisma/client';
import type { ReplaceCardInput } from './control-schemas';
import { assertNotDeactivated, balanceFacts, controlAudit, controlHash, controlRefId } from './controls';
import { replayOrConflict } from './create-transaction';
import { appendLedger } from './ledger';
import { isExpired, lockCard } from './lock-card';
import { transactionView } from './views';

const ZERO = BigInt(0);

/** B may receive the balance: new (issued empty, never used) or inactive, same currency, not blocked. */
async function assertCanReceive(tx: DbTx, card: Card, currency: string): Promise<void> {
  if (card.blockedAt || card.deactivatedAt)
    throw new AppError('CONFLICT', 'The new card is blocked.', { reason: 'new_card_blocked' }, userMessage('newCardBlocked'));
  if (card.status === 'active' || card.balance !== ZERO || card.pending !== ZERO) {
    throw new AppError(
      'CONFLICT',
      'The new card must be unused and empty, or inactive.',
      { reason: 'new_card_in_use', status: card.status },
      userMessage('newCardInUse'),
    );
  }
  if (card.currency !== null && card.currency !== currency) {
    throw new AppError(
      'UNPROCESSABLE',
      `The new card is in ${card.currency}, not ${currency}.`,
      { reason: 'currency_mismatch' },
      userMessage('newCardCurrency', { cardCurrency: card.currency, currency }),
    );
  }
  if (card.status === 'inactive' && card.batchId) {
    const batch = await tx.batch.findUnique({ where: { id: card.batchId }, select: { status: true } });
    if (batch?.status !== 'READY')
      throw new AppError(
        'CONFLICT',
        'The new card belongs to a print run that is not ready yet.',
        { reason: 'print_run_not_ready' },
        userMessage('newCardPrintRunNotReady'),
      );
  }
}

function answer(from: Card, to: Card, out: CardTransaction, into: CardTransaction, isReplay: boolean) {
  return {
    transfer_id: (out.metadata as { transfer_id?: string }).transfer_id,
    from: { card_id: from.cardId, transaction: transactionView(out, from.cardId) },
    to: { card_id: to.cardId, transaction: transactionView(into, to.cardId) },
    isReplay,
  };
}

/**
 * Replaces card A by card B: A's whole available balance moves to B in one transaction, as two
 * ledger rows sharing one transfer id (`metadata.transfer_id`; B's row also names A's as parent):
 * TRANSFER_OUT on A, TRANSFER_IN on B. A ends blocked (reason `replaced`) with 0; an inactive B
 * becomes usable (status unused, A's currency, expiry and store of sale — the value keeps its
 * terms and its store in the reports). Both rows are locked in one fixed order (by card_id), so
 * two replaces in opposite directions cannot deadlock; a drawdown racing on A lands before (and
 * less moves) or is refused like an unknown card after. A may be blocked (stolen) but not hold a
 * reservation (settle or void it first) nor be expired. HQ staff and admins (cards:replace) or
 * write:wallets clients. Idempotent on `request_key` (A's row's ref_id).
 */
export async function replaceCard(actor: Actor, cardId: string, input: ReplaceCardInput) {
  authorizeActor(actor, { permission: 'cards:replace', apiOperation: 'cards:write' });
  if (input.new_card_id === cardId) throw new AppError('UNPROCESSABLE', 'A card cannot replace itself.', { reason: 'same_card' }, userMessage('sameCard'));
  const refId = controlRefId('replace', input.request_key);
  const hash = controlHash('replace', cardId, input);
  const by = actorRef(actor);
  return getDb().$transaction(async (tx) => {
    const locked = new Map<string, Card>();
    for (const id of [cardId, input.new_card_id].sort()) locked.set(id, await lockCard(tx, actor.accountId, { cardId: id }, { includeBlocked: true }));
    const a = locked.get(cardId)!;
    const b = locked.get(input.new_card_id)!;
    const replay = await replayOrConflict(tx, a, refId, hash);
    if (replay) {
      const into = await tx.cardTransaction.findFirst({ where: { parentId: replay.id, kind: 'TRANSFER_IN' } });
      return answer(a, b, replay, into!, true);
    }
    assertNotDeactivated(a);
    if (!a.currency || a.status === 'inactive')
      throw new AppError('CONFLICT', 'The card has no balance to move.', { reason: 'nothing_to_move' }, userMessage('nothingToMove'));
    if (isExpired(a))
      throw new AppError('CONFLICT', 'The card has expired: extend its expiry first.', { reason: 'card_expired' }, userMessage('expiredExtendFirst'));
    if (a.pending !== ZERO) {
      throw new AppError(
        'CONFLICT',
        'The card holds a reservation: capture or void it first.',
        {
          reason: 'pending_reservation',
          amount_pending: Number(a.pending),
        },
        userMessage('pendingReservation'),
      );
    }
    const amount = a.balance;
    if (amount <= ZERO) throw new AppError('CONFLICT', 'The card has no balance to move.', { reason: 'nothing_to_move' }, userMessage('nothingToMove'));
    await assertCanReceive(tx, b, a.currency);
    const transferId = randomUUID();
    const common = {
      reason: input.reason,
      note: input.note,
      request_key: input.request_key,
      transfer_id: transferId,
      amount: Number(amount),
      currency: a.currency,
    };

    // A: blocked as replaced, then its balance leaves (the audit row in the ledger's statement).
    const blocked = await tx.card.update({
      where: { id: a.id },
      data: { blockedAt: new Date(), blockedReason: 'replaced', blockedNote: input.note, blockedBy: by },
    });
    const out = await appendLedger(tx, {
      accountId: actor.accountId,
      cardPk: a.id,
      kind: 'TRANSFER_OUT',
      amount,
      currency: a.currency,
      refId,
      requestHash: hash,
      metadata: { transfer_id: transferId, to_card_id: b.cardId, reason: input.reason },
      createdBy: by,
      audit: (transactionId) =>
        controlAudit(actor, a, {
          action: 'card.replace',
          data: {
            ...common,
            transaction_id: transactionId,
            to_card_id: b.cardId,
            before: { ...balanceFacts(a), blocked: a.blockedAt !== null, ...(a.blockedReason ? { blocked_reason: a.blockedReason } : {}) },
            after: { ...balanceFacts({ balance: ZERO, pending: ZERO }), blocked: true, blocked_reason: 'replaced' },
          },
        }),
    });
    // B: usable with A's terms (an inactive card is activated by the move), then the balance arrives.
    const receiving = await tx.card.update({
      where: { id: b.id },
      data: {
        ...(b.status === 'inactive' ? { status: 'unused', activatedAt: new Date(), activatedBy: by, activatedStoreId: a.activatedStoreId } : {}),
        currency: a.currency,
        expiresAt: a.expiresAt,
      },
    });
    const into = await appendLedger(tx, {
      accountId: actor.accountId,
      cardPk: b.id,
      kind: 'TRANSFER_IN',
      amount,
      currency: a.currency,
      refId,
      requestHash: hash,
      parentId: out.id,
      metadata: { transfer_id: transferId, from_card_id: a.cardId, reason: input.reason },
      createdBy: by,
      audit: (transactionId) =>
        controlAudit(actor, b, {
          action: 'card.replace_in',
          data: {
            ...common,
            transaction_id: transactionId,
            from_card_id: a.cardId,
            before: { ...balanceFacts(b), status: b.status, expires_at: b.expiresAt?.toISOString() ?? null },
            after: { ...balanceFacts({ balance: amount, pending: ZERO }), status: receiving.status, expires_at: receiving.expiresAt?.toISOString() ?? null },
          },
        }),
    });
    return answer(blocked, receiving, out, into, false);
  });
}
