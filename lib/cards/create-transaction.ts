import { randomUUID } from 'node:crypto';
import { LEDGER_AUDIT_ACTIONS } from '@/lib/audit/catalogue';
import { auditActor, auditInsertSql, type AuditEventInput } from '@/lib/audit/record-audit-event';
import { actorStoreId, type Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { AppError, isAppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { Prisma, type Card, type CardTransaction, type LedgerKind } from '@/lib/generated/prisma/client';
import { ledgerEventSql } from '@/lib/webhooks/outbox';
import { requestHash } from '@/lib/idempotency/with-idempotency-key';
import { findPresentedCardDeferringPause } from './find-card';
import { noMatch } from './check-pin';
import { transactionSelect } from './card-row';
import { appendLedger, cardSource, ledgerDeltas, ledgerInsertSql, plannedRow, type LedgerEntry } from './ledger';
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
  if (card.status === 'inactive')
    throw new AppError('CONFLICT', 'The card is inactive: activate it first.', { status: card.status }, userMessage('cardInactive'));
  if (isExpired(card, now)) {
    throw new AppError('CONFLICT', 'The card has expired.', { expires_at: card.expiresAt?.toISOString() }, userMessage('cardExpired'));
  }
  if (card.currency !== currency) {
    throw new AppError(
      'UNPROCESSABLE',
      `The card is in ${card.currency}, not ${currency}.`,
      { card_currency: card.currency },
      userMessage('cardCurrencyMismatch', { cardCurrency: String(card.currency), currency }),
    );
  }
  if (kind === 'drawdown') {
    if (card.activeFrom && card.activeFrom > now) {
      throw new AppError(
        'CONFLICT',
        'The card cannot be used before its active_from date.',
        { active_from: card.activeFrom.toISOString() },
        userMessage('cardNotYetActive'),
      );
    }
    const available = card.balance - card.pending;
    if (amount > available) {
      throw new AppError(
        'CONFLICT',
        'Insufficient funds on the card.',
        { reason: 'insufficient_funds', amount_available: Number(available) },
        userMessage('insufficientFunds'),
      );
    }
  }
}

/** Same ref_id on the same card: the original result if the request is the same, else a conflict. */
export async function replayOrConflict(tx: DbTx, card: Card, refId: string, hash: string): Promise<CardTransaction | null> {
  const existing = await tx.cardTransaction.findUnique({ where: { cardPk_refId: { cardPk: card.id, refId } } });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new AppError('CONFLICT', 'This ref_id was already used on this card for a different request.', { ref_id: refId }, userMessage('refIdReused'));
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
  // The caller's pause (lookup-guard.ts) is checked by the one statement below, or before the
  // locked path answers anything: no round trip of its own on the till's hot path.
  const { value: presented, pause } = await findPresentedCardDeferringPause(actor.accountId, input, actorRef(actor), {
    kind: 'transaction',
    refId: input.ref_id,
  });
  const hash = requestHash({ ...input, token: undefined, pin: undefined, card: presented.card.id });
  const amount = BigInt(input.amount);
  const createdBy = actorRef(actor);
  const token = presented.token;
  const kind: LedgerKind = input.type === 'fund' ? 'FUND' : input.pending ? 'RESERVE' : 'DRAWDOWN';
  const entry = (): LedgerEntry => ({
    accountId: actor.accountId,
    cardPk: presented.card.id,
    kind,
    amount,
    currency: input.currency,
    refId: input.ref_id,
    requestHash: hash,
    originatedBy: input.originated_by,
    metadata: input.metadata,
    createdBy,
    storeId: actorStoreId(actor),
  });
  const audit = (transactionId: string): AuditEventInput => ({
    accountId: actor.accountId,
    actor: auditActor(actor),
    action: LEDGER_AUDIT_ACTIONS[kind],
    target: { type: 'card', id: presented.card.id },
    data: {
      transaction_id: transactionId,
      ref_id: input.ref_id,
      amount: input.amount,
      currency: input.currency,
      ...(token?.codeId ? { card_token_id: token.codeId } : {}),
    },
  });

  // A temporary single-use code is spent in its own table (card_tokens), which the one statement
  // cannot make conditional on the card's UPDATE; those take the locked path below.
  if (!(token?.isSingleUse && token.codeId !== null)) {
    const row = await writeInOneStatement(entry(), audit, { spendOwnToken: token?.isSingleUse === true, notPaused: pause.notPausedSql(presented.card.id) });
    if (row) return { transaction: transactionView(row, presented.card.cardId), isReplay: false };
  }
  await pause.check();

  // The locked path: a replay, a refusal (its error says which rule), a race the one statement
  // stepped back from, or a single-use temporary code. Every rule is checked in JavaScript on the
  // card's locked row.
  return getDb().$transaction(async (tx) => {
    // Deleted or blocked since it was found (a block racing this drawdown): the same answer as an
    // unknown card, not lockCard's "Card not found.", so a race tells the caller nothing more.
    const card = await lockCard(tx, actor.accountId, { pk: presented.card.id }).catch((error: unknown) => {
      throw isAppError(error) && error.code === 'NOT_FOUND' ? noMatch() : error;
    });
    const replay = await replayOrConflict(tx, card, input.ref_id, hash);
    if (replay) return { transaction: transactionView(replay, card.cardId), isReplay: true };
    assertCanTransact(card, input.type, amount, input.currency);
    if (token?.isSingleUse) await spendSingleUseToken(tx, card.id, token.codeId);
    const row = await appendLedger(tx, { ...entry(), markUsed: kind !== 'FUND', audit });
    return { transaction: transactionView(row, card.cardId), isReplay: false };
  });
}

/**
 * The whole transaction as one statement (no BEGIN/COMMIT, no locking read): the card's UPDATE
 * applies only when every rule of assertCanTransact holds (not deleted or blocked, not inactive,
 * not expired, the card's currency; for a drawdown active_from reached and the amount available),
 * the ref_id is new on the card, the presenting caller is not paused for unknown cards
 * (lookup-guard.ts) and, for the card's own single-use token, the token is unspent (spent by the
 * same UPDATE). The ledger row (with the balance the UPDATE produced), the audit row
 * and the webhook outbox row are CTEs that write only when the UPDATE matched.
 *
 * Under READ COMMITTED an UPDATE that waits for a concurrent writer of the card re-checks its
 * conditions on the row as that writer left it, so the rules hold on the latest balance. The ref_id
 * check does not see a first write committed after the statement began: then the ledger INSERT
 * hits the unique (card_pk, ref_id) key and the statement fails as a whole (nothing written). In
 * that case, and whenever the UPDATE matched nothing, this answers null and the caller decides on
 * the locked row — a replay, or the error the first failing rule gives.
 */
async function writeInOneStatement(
  entry: LedgerEntry,
  audit: (transactionId: string) => AuditEventInput,
  options: { spendOwnToken: boolean; notPaused: Prisma.Sql },
  now = new Date(),
): Promise<CardTransaction | null> {
  const id = randomUUID();
  const delta = ledgerDeltas(entry.kind, entry.amount);
  const isDrawdown = entry.kind !== 'FUND';
  const set = Prisma.join(
    [
      Prisma.sql`balance = balance + ${delta.balance}`,
      Prisma.sql`pending = pending + ${delta.pending}`,
      // The first use of an unused card makes it active (appendLedger's markUsed).
      ...(isDrawdown ? [Prisma.sql`status = 'active'::"CardStatus"`] : []),
      ...(options.spendOwnToken ? [Prisma.sql`token_used_at = ${now}::timestamptz`] : []),
    ],
    ', ',
  );
  const rules = Prisma.join(
    [
      Prisma.sql`account_id = ${entry.accountId} AND id = ${entry.cardPk}::uuid`,
      Prisma.sql`deleted_at IS NULL AND blocked_at IS NULL AND status <> 'inactive'`,
      Prisma.sql`(expires_at IS NULL OR expires_at > ${now}::timestamptz) AND currency = ${entry.currency}`,
      ...(isDrawdown ? [Prisma.sql`(active_from IS NULL OR active_from <= ${now}::timestamptz) AND balance - pending >= ${entry.amount}`] : []),
      ...(options.spendOwnToken ? [Prisma.sql`token_single_use AND token_used_at IS NULL`] : []),
      Prisma.sql`NOT EXISTS (SELECT 1 FROM card_transactions t WHERE t.card_pk = cards.id AND t.ref_id = ${entry.refId})`,
      // The presenting caller is not paused for unknown cards (read after its lookup, as always).
      options.notPaused,
    ],
    ' AND ',
  );
  try {
    const rows = await getDb().$queryRaw<CardTransaction[]>`
      WITH card AS (UPDATE cards SET ${set} WHERE ${rules} RETURNING id, balance, activated_store_id, card_id),
      led AS (${ledgerInsertSql(id, entry, cardSource('card'))} FROM card RETURNING *),
      ledger_event AS (${ledgerEventSql(plannedRow(id, entry), 'led', Prisma.sql`(SELECT card_id FROM card)`)}),
      audit AS (${auditInsertSql(audit(id), { from: Prisma.sql`led` })})
      SELECT ${transactionSelect('led')} FROM led`;
    return rows[0] ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
