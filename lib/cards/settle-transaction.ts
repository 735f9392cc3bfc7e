import { randomUUID } from 'node:crypto';
import { auditActor, auditInsertSql } from '@/lib/audit/record-audit-event';
import { actorStoreId, type Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { Prisma, type CardTransaction } from '@/lib/generated/prisma/client';
import { ledgerEventSql } from '@/lib/webhooks/outbox';
import { transactionSelect } from './card-row';
import { requestHash } from '@/lib/idempotency/with-idempotency-key';
import { replayOrConflict } from './create-transaction';
import { appendLedger, cardSource, ledgerInsertSql, plannedRow, type LedgerEntry } from './ledger';
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
  const fast = await settleInOneStatement(actor, transactionId, action);
  if (fast) return { transaction: transactionView(fast.row, fast.cardId), isReplay: false };

  // The locked path: a replay, a refusal (its error says why), or a race the one statement
  // stepped back from; every rule is checked in JavaScript on the card's locked row.
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

/**
 * A capture or void as one statement (no BEGIN/COMMIT, no locking read): the reservation and what
 * its earlier settlements took are read in the statement's snapshot; the card's UPDATE applies
 * only when the card is neither deleted nor blocked, the ref_id is new on the card, something is
 * left pending and a capture's amount fits in it. The ledger row, the audit row and the webhook
 * outbox row are CTEs that write only when the UPDATE matched.
 *
 * The settled sum is the snapshot's, and under READ COMMITTED an UPDATE that waits for a concurrent
 * writer of the card does not read it again: so the UPDATE also requires the card row to be the
 * very version the snapshot saw (its xmin). Every ledger write updates its card row in the same
 * transaction (lib/cards/ledger.ts), so an unchanged card row means no settlement committed since
 * the sum was read. A concurrent ref_id replay that got past the snapshot's ref_id check hits the
 * unique (card_pk, ref_id) key and fails as a whole. In all those cases nothing is written and this
 * answers null: the caller decides on the locked row.
 */
async function settleInOneStatement(
  actor: Actor,
  transactionId: string,
  action: { kind: 'capture'; input: CaptureInput } | { kind: 'void'; input: VoidInput },
): Promise<{ row: CardTransaction; cardId: string } | null> {
  const id = randomUUID();
  const hash = requestHash({ action: action.kind, transactionId, ...action.input });
  const kind = action.kind === 'capture' ? 'CAPTURE' : 'RELEASE';
  const requested = action.kind === 'capture' && action.input.amount !== undefined ? BigInt(action.input.amount) : null;
  // What this row settles: the amount asked for, or all that is left.
  const amount = Prisma.sql`COALESCE(${requested}::bigint, r.remaining)`;
  const entry: LedgerEntry = {
    accountId: actor.accountId,
    cardPk: '',
    kind,
    amount: BigInt(0), // taken from the statement (`amount` above)
    currency: '',
    refId: action.input.ref_id,
    requestHash: hash,
    parentId: transactionId,
    metadata: action.input.metadata,
    createdBy: actorRef(actor),
    storeId: actorStoreId(actor),
  };
  const insert = ledgerInsertSql(id, entry, cardSource('card'), { amount: Prisma.sql`card.settled_amount`, currency: Prisma.sql`card.currency` });
  const audit = auditInsertSql(
    {
      accountId: actor.accountId,
      actor: auditActor(actor),
      action: action.kind === 'capture' ? 'transaction.capture' : 'transaction.void',
      target: { type: 'card', id: '' },
      // amount: replaced by the statement's own (`data` below: jsonb || keeps the right-hand key).
      data: { transaction_id: id, parent_id: transactionId, amount: 0 },
    },
    { targetId: Prisma.sql`led.card_pk`, from: Prisma.sql`led`, data: Prisma.sql`jsonb_build_object('amount', led.amount)` },
  );
  try {
    const rows = await getDb().$queryRaw<(CardTransaction & { cardId: string })[]>`
      WITH r AS (
        SELECT t.id, t.card_pk, t.currency,
          t.amount - COALESCE((SELECT sum(s.amount) FROM card_transactions s WHERE s.parent_id = t.id), 0) AS remaining,
          (SELECT c0.xmin FROM cards c0 WHERE c0.id = t.card_pk) AS card_xmin
        FROM card_transactions t WHERE t.id = ${transactionId}::uuid AND t.account_id = ${actor.accountId} AND t.kind = 'RESERVE'
      ),
      card AS (
        UPDATE cards SET
          balance = balance - ${kind === 'CAPTURE' ? amount : Prisma.sql`0`},
          pending = pending - ${amount}
        FROM r
        WHERE cards.id = r.card_pk AND cards.account_id = ${actor.accountId} AND cards.deleted_at IS NULL AND cards.blocked_at IS NULL
          AND cards.xmin = r.card_xmin AND r.remaining > 0 AND ${amount} > 0 AND ${amount} <= r.remaining
          AND NOT EXISTS (SELECT 1 FROM card_transactions t WHERE t.card_pk = cards.id AND t.ref_id = ${entry.refId})
        RETURNING cards.id, cards.balance, cards.activated_store_id, cards.card_id, r.currency, ${amount} AS settled_amount
      ),
      led AS (${insert} FROM card RETURNING *),
      ledger_event AS (${ledgerEventSql(plannedRow(id, entry), 'led', Prisma.sql`(SELECT card_id FROM card)`)}),
      audit AS (${audit})
      SELECT ${transactionSelect('led')}, (SELECT card_id FROM card) AS "cardId" FROM led`;
    const row = rows[0];
    if (!row) return null;
    const { cardId, ...transaction } = row;
    return { row: transaction, cardId };
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
