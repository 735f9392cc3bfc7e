import { requestOrRun } from '@/lib/approvals/request-or-run';
import { assertNoAmountApprovalNeeded, getDualControlSettings, needsAmountApproval } from '@/lib/approvals/dual-control-settings';
import type { Actor, UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { RefundCardInput } from './control-schemas';
import { assertNotBlocked, balanceFacts, controlAudit, controlHash, controlRefId } from './controls';
import { assertCanTransact, replayOrConflict } from './create-transaction';
import { appendLedger } from './ledger';
import { lockCard } from './lock-card';
import { transactionView } from './views';

const ZERO = BigInt(0);

/**
 * Refunds (part of) one settled drawdown or capture of the card back onto it: a REFUND row (the
 * contract's `fund`) whose parent_id is that drawdown. The refunds of a drawdown never add up to
 * more than it took: their sum is read and the new row written under the card's row lock, so two
 * racing refunds cannot both pass the check (one gets 409 refund_exceeds_drawdown). HQ admins
 * (cards:refund) or admin:wallets clients. Idempotent on `request_key`. Four-eyes as for
 * adjustments (adjust-card.ts): above the threshold the direct path refuses, HQ requests it.
 */
export async function refundCard(actor: Actor, cardId: string, input: RefundCardInput) {
  authorizeActor(actor, { permission: 'cards:refund', apiOperation: 'cards:admin' });
  return getDb().$transaction(async (tx) => {
    await assertNoAmountApprovalNeeded(tx, actor.accountId, await cardCurrency(tx, actor.accountId, cardId), input.amount);
    return refundCardIn(tx, actor, cardId, input);
  });
}

/** HQ: the refund at once, or — above the dual-control amount — a request for a second admin. */
export async function requestOrRefundCard(actor: UserActor, cardId: string, input: RefundCardInput) {
  authorizeActor(actor, { permission: 'cards:refund', apiOperation: 'cards:admin' });
  return requestOrRun(actor, {
    kind: 'card_refund',
    subject: `card:${cardId}`,
    payload: { card_id: cardId, ...input },
    reason: input.note,
    needsApproval: async (tx) =>
      needsAmountApproval(await getDualControlSettings(actor.accountId, tx), await cardCurrency(tx, actor.accountId, cardId), input.amount),
    run: (tx) => refundCardIn(tx, actor, cardId, input),
  });
}

/** The card's currency for the threshold (none yet, or no such card: the refund itself refuses it). */
async function cardCurrency(tx: DbTx, accountId: string, cardId: string): Promise<string> {
  return (await tx.card.findFirst({ where: { accountId, cardId }, select: { currency: true } }))?.currency ?? '';
}

/** The refund itself, in the caller's transaction (also the approved request's executor). */
export async function refundCardIn(tx: DbTx, actor: Actor, cardId: string, input: RefundCardInput) {
  const refId = controlRefId('refund', input.request_key);
  const hash = controlHash('refund', cardId, input);
  const amount = BigInt(input.amount);
  const card = await lockCard(tx, actor.accountId, { cardId }, { includeBlocked: true });
  const replay = await replayOrConflict(tx, card, refId, hash);
  if (replay) return { transaction: transactionView(replay, card.cardId), isReplay: true };
  assertNotBlocked(card);
  const drawdown = await tx.cardTransaction.findFirst({ where: { id: input.transaction_id, cardPk: card.id } });
  if (!drawdown) throw new AppError('NOT_FOUND', 'No such transaction on this card.', { reason: 'transaction_not_found' }, userMessage('transactionNotFound'));
  if (drawdown.kind !== 'DRAWDOWN' && drawdown.kind !== 'CAPTURE') {
    throw new AppError(
      'CONFLICT',
      'Only a drawdown or a capture can be refunded.',
      { reason: 'not_refundable', kind: drawdown.kind },
      userMessage('notRefundable'),
    );
  }
  assertCanTransact(card, 'fund', amount, drawdown.currency);
  const refunded = (await tx.cardTransaction.aggregate({ where: { parentId: drawdown.id, kind: 'REFUND' }, _sum: { amount: true } }))._sum.amount ?? ZERO;
  const refundable = drawdown.amount - refunded;
  if (amount > refundable) {
    throw new AppError(
      'CONFLICT',
      'The refund is larger than what is left to refund of that drawdown.',
      {
        reason: 'refund_exceeds_drawdown',
        amount_refundable: Number(refundable),
      },
      userMessage('refundExceedsDrawdown'),
    );
  }
  const row = await appendLedger(tx, {
    accountId: actor.accountId,
    cardPk: card.id,
    kind: 'REFUND',
    amount,
    currency: drawdown.currency,
    refId,
    requestHash: hash,
    parentId: drawdown.id,
    metadata: { reason: input.reason, note: input.note },
    createdBy: actorRef(actor),
    audit: (transactionId) =>
      controlAudit(actor, card, {
        action: 'card.refund',
        data: {
          reason: input.reason,
          note: input.note,
          request_key: input.request_key,
          transaction_id: transactionId,
          refunds_transaction_id: drawdown.id,
          amount: input.amount,
          currency: drawdown.currency,
          before: { ...balanceFacts(card), refunded_of_drawdown: Number(refunded) },
          after: { ...balanceFacts({ balance: card.balance + amount, pending: card.pending }), refunded_of_drawdown: Number(refunded + amount) },
        },
      }),
  });
  return { transaction: transactionView(row, card.cardId), isReplay: false, amount_refundable: refundable - amount };
}
