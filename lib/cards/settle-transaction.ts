import { auditActor } from '@/lib/audit/record-audit-event';
import { actorStoreId, type Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { requestHash } from '@/lib/idempotency/with-idempotency-key';
import { replayOrConflict } from './create-transaction';
import { appendLedger } from './ledger';
import { lockCard } from './lock-card';
import type { CaptureInput, VoidInput } from './schemas';
import { transactionView } from './views';

/**
 * Captures (fully or partly) or voids what is left of a pending drawdown. Captures may come in
 * several parts; a void releases whatever is not captured yet. Settling an existing reservation
 * is allowed after the card expires: the money was reserved while the card was valid.
 */
export async function settleTransaction(
  actor: Actor,
  transactionId: string,
  action: { kind: 'capture'; input: CaptureInput } | { kind: 'void'; input: VoidInput },
) {
  authorizeActor(actor, { permission: 'transactions:write', apiOperation: 'transactions:token' });
  const db = getDb();
  const reserve = await db.cardTransaction.findFirst({ where: { id: transactionId, accountId: actor.accountId } });
  if (!reserve) throw new AppError('NOT_FOUND', 'Transaction not found.');
  if (reserve.kind !== 'RESERVE') throw new AppError('CONFLICT', 'Only pending transactions can be captured or voided.');
  const hash = requestHash({ action: action.kind, transactionId, ...action.input });

  return db.$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { pk: reserve.cardPk });
    const replay = await replayOrConflict(tx, card, action.input.ref_id, hash);
    if (replay) return { transaction: transactionView(replay, card.cardId), isReplay: true };
    const settled = await tx.cardTransaction.aggregate({ where: { parentId: reserve.id }, _sum: { amount: true } });
    const remaining = reserve.amount - (settled._sum.amount ?? BigInt(0));
    if (remaining <= BigInt(0)) throw new AppError('CONFLICT', 'Nothing is left pending on this transaction.');
    let amount = remaining;
    if (action.kind === 'capture' && action.input.amount !== undefined) {
      amount = BigInt(action.input.amount);
      if (amount > remaining) {
        throw new AppError('CONFLICT', 'The capture is larger than what is still pending.', { amount_pending: Number(remaining) });
      }
    }
    const kind = action.kind === 'capture' ? 'CAPTURE' : 'RELEASE';
    const row = await appendLedger(tx, {
      accountId: actor.accountId,
      cardPk: card.id,
      kind,
      amount,
      currency: reserve.currency,
      refId: action.input.ref_id,
      requestHash: hash,
      parentId: reserve.id,
      metadata: action.input.metadata,
      createdBy: actorRef(actor),
      storeId: actorStoreId(actor),
      audit: (transactionId) => ({
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: action.kind === 'capture' ? 'transaction.capture' : 'transaction.void',
        target: { type: 'card', id: card.id },
        data: { transaction_id: transactionId, parent_id: reserve.id, amount: Number(amount) },
      }),
    });
    return { transaction: transactionView(row, card.cardId), isReplay: false };
  });
}
