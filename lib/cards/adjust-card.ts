import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import type { AdjustCardInput } from './control-schemas';
import { assertNotBlocked, balanceFacts, controlAudit, controlHash, controlRefId } from './controls';
import { assertCanTransact, replayOrConflict } from './create-transaction';
import { appendLedger } from './ledger';
import { lockCard } from './lock-card';
import { transactionView } from './views';

/**
 * Adjusts a card's balance by a signed delta (never sets it): a positive amount is an
 * ADJUST_CREDIT row, a negative one an ADJUST_DEBIT row. Under the card's row lock, so two
 * concurrent adjustments both land, one after the other; a debit larger than the available amount
 * is refused (409 insufficient_funds) by the card core's own rule (assertCanTransact), and the
 * database's CHECK constraints back it. HQ admins (cards:adjust) or admin:wallets clients only.
 * Idempotent on `request_key`: the same key answers the first row.
 */
export async function adjustCard(actor: Actor, cardId: string, input: AdjustCardInput) {
  authorizeActor(actor, { permission: 'cards:adjust', apiOperation: 'cards:admin' });
  const refId = controlRefId('adjust', input.request_key);
  const hash = controlHash('adjust', cardId, input);
  const isCredit = input.amount > 0;
  const amount = BigInt(Math.abs(input.amount));
  return getDb().$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId }, { includeBlocked: true });
    const replay = await replayOrConflict(tx, card, refId, hash);
    if (replay) return { transaction: transactionView(replay, card.cardId), isReplay: true };
    assertNotBlocked(card);
    assertCanTransact(card, isCredit ? 'fund' : 'drawdown', amount, input.currency);
    const after = { balance: card.balance + (isCredit ? amount : -amount), pending: card.pending };
    const row = await appendLedger(tx, {
      accountId: actor.accountId,
      cardPk: card.id,
      kind: isCredit ? 'ADJUST_CREDIT' : 'ADJUST_DEBIT',
      amount,
      currency: input.currency,
      refId,
      requestHash: hash,
      metadata: { reason: input.reason, note: input.note },
      createdBy: actorRef(actor),
      audit: (transactionId) =>
        controlAudit(actor, card, {
          action: 'card.adjust',
          data: {
            reason: input.reason,
            note: input.note,
            request_key: input.request_key,
            transaction_id: transactionId,
            amount: input.amount,
            currency: input.currency,
            before: balanceFacts(card),
            after: balanceFacts(after),
          },
        }),
    });
    return { transaction: transactionView(row, card.cardId), isReplay: false };
  });
}
