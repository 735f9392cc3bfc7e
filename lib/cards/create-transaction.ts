import { LEDGER_AUDIT_ACTIONS } from '@/lib/audit/catalogue';
import { auditActor } from '@/lib/audit/record-audit-event';
import { actorStoreId, type Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import type { Card, CardTransaction } from '@/lib/generated/prisma/client';
import { requestHash } from '@/lib/idempotency/with-idempotency-key';
import { findPresentedCard } from './find-card';
import { noMatch } from './check-pin';
import { appendLedger } from './ledger';
import { isExpired, lockCard } from './lock-card';
import type { CreateTransactionInput } from './schemas';
import { spendSingleUseToken } from './token-match';
import { transactionView } from './views';

/**
 * The rules every balance change obeys, checked under the card's row lock: no transaction on an
 * inactive or expired card, no drawdown before active_from, the card's currency only, and never
 * more than the available amount.
 */
export function assertCanTransact(card: Card, kind: 'fund' | 'drawdown', amount: bigint, currency: string, now = new Date()) {
  if (card.status === 'inactive') throw new AppError('CONFLICT', 'The card is inactive: activate it first.', { status: card.status });
  if (isExpired(card, now)) {
    throw new AppError('CONFLICT', 'The card has expired.', { expires_at: card.expiresAt?.toISOString() });
  }
  if (card.currency !== currency) {
    throw new AppError('UNPROCESSABLE', `The card is in ${card.currency}, not ${currency}.`, { card_currency: card.currency });
  }
  if (kind === 'drawdown') {
    if (card.activeFrom && card.activeFrom > now) {
      throw new AppError('CONFLICT', 'The card cannot be used before its active_from date.', { active_from: card.activeFrom.toISOString() });
    }
    const available = card.balance - card.pending;
    if (amount > available) {
      throw new AppError('CONFLICT', 'Insufficient funds on the card.', { reason: 'insufficient_funds', amount_available: Number(available) });
    }
  }
}

/** Same ref_id on the same card: the original result if the request is the same, else a conflict. */
export async function replayOrConflict(tx: DbTx, card: Card, refId: string, hash: string): Promise<CardTransaction | null> {
  const existing = await tx.cardTransaction.findUnique({ where: { cardPk_refId: { cardPk: card.id, refId } } });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new AppError('CONFLICT', 'This ref_id was already used on this card for a different request.', { ref_id: refId });
  }
  return existing;
}

/**
 * Creates a drawdown (settled or pending) or a fund on a card presented by token (its own or a
 * temporary code) or card_id. Idempotent per (card, ref_id). The first drawdown moves an unused
 * card to active. A single-use token is spent by the transaction it creates, under the card's row
 * lock, so it pays exactly once however many requests race (a replay of that one is still answered).
 */
export async function createTransaction(actor: Actor, input: CreateTransactionInput) {
  const isTokenDrawdown = Boolean(input.token) && input.type === 'drawdown';
  authorizeActor(actor, { permission: 'transactions:write', apiOperation: isTokenDrawdown ? 'transactions:token' : 'transactions:write' });
  const presented = await findPresentedCard(actor.accountId, input, actorRef(actor), { kind: 'transaction', refId: input.ref_id });
  const hash = requestHash({ ...input, token: undefined, pin: undefined, card: presented.card.id });
  const amount = BigInt(input.amount);
  const createdBy = actorRef(actor);

  return getDb().$transaction(async (tx) => {
    // Deleted or blocked since it was found (a block racing this drawdown): the same answer as an
    // unknown card, not lockCard's "Card not found.", so a race tells the caller nothing more.
    const card = await lockCard(tx, actor.accountId, { pk: presented.card.id }).catch((error: unknown) => {
      throw isAppError(error) && error.code === 'NOT_FOUND' ? noMatch() : error;
    });
    const replay = await replayOrConflict(tx, card, input.ref_id, hash);
    if (replay) return { transaction: transactionView(replay, card.cardId), isReplay: true };
    assertCanTransact(card, input.type, amount, input.currency);
    const token = presented.token;
    if (token?.isSingleUse) await spendSingleUseToken(tx, card.id, token.codeId);
    const kind = input.type === 'fund' ? 'FUND' : input.pending ? 'RESERVE' : 'DRAWDOWN';
    const row = await appendLedger(tx, {
      accountId: actor.accountId,
      cardPk: card.id,
      kind,
      amount,
      currency: input.currency,
      refId: input.ref_id,
      requestHash: hash,
      originatedBy: input.originated_by,
      metadata: input.metadata,
      createdBy,
      storeId: actorStoreId(actor),
      markUsed: kind !== 'FUND',
      audit: (transactionId) => ({
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: LEDGER_AUDIT_ACTIONS[kind],
        target: { type: 'card', id: card.id },
        data: {
          transaction_id: transactionId,
          ref_id: input.ref_id,
          amount: input.amount,
          currency: input.currency,
          ...(token?.codeId ? { card_token_id: token.codeId } : {}),
        },
      }),
    });
    return { transaction: transactionView(row, card.cardId), isReplay: false };
  });
}
