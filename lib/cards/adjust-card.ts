import { requestOrRun } from '@/lib/approvals/request-or-run';
import { assertNoAmountApprovalNeeded, getDualControlSettings, needsAmountApproval } from '@/lib/approvals/dual-control-settings';
import type { Actor, UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
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
 *
 * Four-eyes: an amount above the account's dual-control threshold is refused here (403
 * dual_control_required); HQ asks for it with requestOrAdjustCard, and it runs when a second
 * admin approves (lib/approvals/registry.ts).
 */
export async function adjustCard(actor: Actor, cardId: string, input: AdjustCardInput) {
  authorizeActor(actor, { permission: 'cards:adjust', apiOperation: 'cards:admin' });
  return getDb().$transaction(async (tx) => {
    await assertNoAmountApprovalNeeded(tx, actor.accountId, input.currency, Math.abs(input.amount));
    return adjustCardIn(tx, actor, cardId, input);
  });
}

/** HQ: the adjustment at once, or — above the dual-control amount — a request for a second admin. */
export async function requestOrAdjustCard(actor: UserActor, cardId: string, input: AdjustCardInput) {
  authorizeActor(actor, { permission: 'cards:adjust', apiOperation: 'cards:admin' });
  return requestOrRun(actor, {
    kind: 'card_adjustment',
    subject: `card:${cardId}`,
    payload: { card_id: cardId, ...input },
    reason: input.note,
    needsApproval: async (tx) => needsAmountApproval(await getDualControlSettings(actor.accountId, tx), input.currency, Math.abs(input.amount)),
    run: (tx) => adjustCardIn(tx, actor, cardId, input),
  });
}

/** The adjustment itself, in the caller's transaction (also the approved request's executor). */
export async function adjustCardIn(tx: DbTx, actor: Actor, cardId: string, input: AdjustCardInput) {
  const refId = controlRefId('adjust', input.request_key);
  const hash = controlHash('adjust', cardId, input);
  const isCredit = input.amount > 0;
  const amount = BigInt(Math.abs(input.amount));
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
}
