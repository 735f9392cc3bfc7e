/**
 * Appends one immutable ledger row and moves the card's cached balance/pending by the same
 * amount, in the caller's transaction (which must hold the card's row lock or an equivalent
 * conditional update). Database CHECK constraints refuse a negative balance or availability.
 *
 * One statement (an INSERT and the card's UPDATE as CTEs, with the webhook outbox row and
 * optionally the audit row): it succeeds or fails as a whole, one round trip instead of four.
 */
import { randomUUID } from 'node:crypto';
import { auditInsertSql, type AuditEventInput } from '@/lib/audit/record-audit-event';
import type { DbTx } from '@/lib/db/client';
import { Prisma, type CardTransaction, type LedgerKind } from '@/lib/generated/prisma/client';
import { transactionSelect } from './card-row';
import { ledgerEventSql } from '@/lib/webhooks/outbox';

/** How each kind moves the balance; the reports' category table (lib/reports/categories.ts) agrees, by test. */
export const BALANCE_SIGN: Record<LedgerKind, -1 | 0 | 1> = {
  FUND: 1,
  DRAWDOWN: -1,
  RESERVE: 0,
  CAPTURE: -1,
  RELEASE: 0,
  REVERSAL: -1,
  WRITE_OFF: -1,
  EXPIRY: -1,
  // The HQ controls (issue 12): signed adjustments, refunds to a card, replace's transfer pair.
  ADJUST_CREDIT: 1,
  ADJUST_DEBIT: -1,
  REFUND: 1,
  TRANSFER_OUT: -1,
  TRANSFER_IN: 1,
};
const PENDING_SIGN: Record<LedgerKind, -1 | 0 | 1> = {
  FUND: 0,
  DRAWDOWN: 0,
  RESERVE: 1,
  CAPTURE: -1,
  RELEASE: -1,
  REVERSAL: 0,
  WRITE_OFF: 0,
  EXPIRY: 0,
  ADJUST_CREDIT: 0,
  ADJUST_DEBIT: 0,
  REFUND: 0,
  TRANSFER_OUT: 0,
  TRANSFER_IN: 0,
};

/**
 * SQL for a card's balance / pending from its ledger rows, built from the two sign tables above
 * (so a new kind cannot be forgotten in a check): `SUM(amount * CASE kind … END)` over the
 * rows of `card_transactions` in scope. Kind names are the enum's own constants, never input.
 */
function signedSumSql(signs: Record<LedgerKind, -1 | 0 | 1>): string {
  const cases = Object.entries(signs)
    .filter(([, sign]) => sign !== 0)
    .map(([kind, sign]) => `WHEN '${kind}' THEN ${sign}`)
    .join(' ');
  return `COALESCE(SUM(amount * CASE kind ${cases} ELSE 0 END), 0)`;
}
export const LEDGER_BALANCE_SQL = signedSumSql(BALANCE_SIGN);
export const LEDGER_PENDING_SQL = signedSumSql(PENDING_SIGN);

export interface LedgerEntry {
  accountId: string;
  cardPk: string;
  kind: LedgerKind;
  amount: bigint;
  currency: string;
  refId: string;
  requestHash?: string;
  parentId?: string;
  originatedBy?: string;
  metadata?: Prisma.InputJsonObject;
  createdBy: string;
  isPending?: boolean;
  /** The store where the movement happened (a counter sale); null for the API. */
  storeId?: string | null;
}

/** What else the ledger write does in the same statement (fields of the entry passed to appendLedger). */
export interface LedgerOptions {
  /** The audit row of this change, written in the same statement; it may name the new row's id. */
  audit?: (transactionId: string) => AuditEventInput;
  /** A card still `unused` becomes `active` (its first use), in the same statement. */
  markUsed?: boolean;
}

/**
 * The contract's two `type`s: every kind that adds to the balance (a fund, a refund, an upward
 * adjustment, a transfer in) is a `fund`; everything else a `drawdown` (`kind` says which).
 */
export function apiTypeOf(kind: LedgerKind): 'fund' | 'drawdown' {
  return BALANCE_SIGN[kind] === 1 ? 'fund' : 'drawdown';
}

/** The balance and pending deltas of a ledger row (what the card's cached columns move by). */
export function ledgerDeltas(kind: LedgerKind, amount: bigint): { balance: bigint; pending: bigint } {
  return { balance: amount * BigInt(BALANCE_SIGN[kind]), pending: amount * BigInt(PENDING_SIGN[kind]) };
}

/**
 * The card row a ledger INSERT reads its card-derived columns from, as the same statement updated
 * it: its id, its balance right after the change (the row's running balance, `balance_after`) and
 * the store that sold it as it stands now (`sale_store_id`), so an as-of report never depends on
 * later changes. `alias` names a CTE or table in the INSERT's FROM clause.
 */
export function cardSource(alias: string): { pk: Prisma.Sql; balanceAfter: Prisma.Sql; saleStoreId: Prisma.Sql } {
  const a = Prisma.raw(alias);
  return { pk: Prisma.sql`${a}.id`, balanceAfter: Prisma.sql`${a}.balance`, saleStoreId: Prisma.sql`${a}.activated_store_id` };
}

/**
 * The INSERT of a ledger row as SQL inside a larger statement; the caller appends `FROM <alias> …`
 * naming the updated card row (cardSource). `created_at` is taken when the row is written, after the
 * card's row lock, so a card's rows are in time order as well as in `seq` order — truncated to the
 * column's milliseconds, since rounding could put a row up to half a millisecond in the future,
 * after a report's "now" taken right after the write (an as-of report would then miss it).
 */
export function ledgerInsertSql(
  id: string,
  entry: LedgerEntry,
  card: ReturnType<typeof cardSource>,
  // What only the statement knows (a settlement's amount and its reservation's currency), as SQL.
  computed: { amount?: Prisma.Sql; currency?: Prisma.Sql } = {},
): Prisma.Sql {
  const amount = computed.amount ?? Prisma.sql`${entry.amount}`;
  const currency = computed.currency ?? Prisma.sql`${entry.currency}`;
  return Prisma.sql`INSERT INTO card_transactions
      (id, account_id, card_pk, type, kind, amount, currency, ref_id, request_hash, parent_id, is_pending, originated_by, metadata, created_by,
       balance_after, sale_store_id, store_id, created_at)
    SELECT ${id}::uuid, ${entry.accountId}, ${card.pk}, ${apiTypeOf(entry.kind)}::"TransactionType", ${entry.kind}::"LedgerKind",
           ${amount}, ${currency}, ${entry.refId}, ${entry.requestHash ?? null}, ${entry.parentId ?? null}::uuid,
           ${entry.isPending ?? entry.kind === 'RESERVE'}, ${entry.originatedBy ?? null}, ${JSON.stringify(entry.metadata ?? {})}::jsonb, ${entry.createdBy},
           ${card.balanceAfter}, ${card.saleStoreId}, ${entry.storeId ?? null}::uuid, date_trunc('milliseconds', clock_timestamp())`;
}

/**
 * The ledger row `entry` would be, as the API view needs it (lib/webhooks/outbox.ts
 * ledgerEventSql): what the statement sets itself (`created_at`, `seq`, the card-derived columns)
 * is filled with placeholders the event SQL does not use.
 */
export function plannedRow(id: string, entry: LedgerEntry): CardTransaction {
  return {
    id,
    accountId: entry.accountId,
    cardPk: entry.cardPk,
    type: apiTypeOf(entry.kind),
    kind: entry.kind,
    amount: entry.amount,
    currency: entry.currency,
    refId: entry.refId,
    requestHash: entry.requestHash ?? null,
    isPending: entry.isPending ?? entry.kind === 'RESERVE',
    parentId: entry.parentId ?? null,
    originatedBy: entry.originatedBy ?? null,
    metadata: (entry.metadata ?? {}) as Prisma.JsonObject,
    createdAt: new Date(0),
    createdBy: entry.createdBy,
    balanceAfter: BigInt(0),
    seq: BigInt(0),
    saleStoreId: null,
    storeId: entry.storeId ?? null,
  };
}

export async function appendLedger(tx: DbTx, entry: LedgerEntry & LedgerOptions): Promise<CardTransaction> {
  const id = randomUUID();
  const delta = ledgerDeltas(entry.kind, entry.amount);
  const status = entry.markUsed ? Prisma.sql`, status = CASE WHEN status = 'unused' THEN 'active'::"CardStatus" ELSE status END` : Prisma.empty;
  const audit = entry.audit ? Prisma.sql`, audit AS (${auditInsertSql(entry.audit(id))})` : Prisma.empty;
  // The card first: the row records the balance the UPDATE produced.
  const rows = await tx.$queryRaw<CardTransaction[]>`
    WITH card AS (
      UPDATE cards SET balance = balance + ${delta.balance}, pending = pending + ${delta.pending}${status}
      WHERE id = ${entry.cardPk}::uuid RETURNING id, balance, activated_store_id, card_id
    ),
    led AS (${ledgerInsertSql(id, entry, cardSource('card'))} FROM card RETURNING *),
    -- The wallet_transaction webhook event (lib/webhooks/outbox.ts), committed with the row.
    ledger_event AS (${ledgerEventSql(plannedRow(id, entry), 'led', Prisma.sql`(SELECT card_id FROM card)`)})
    ${audit}
    SELECT ${transactionSelect('led')} FROM led`;
  if (rows.length !== 1) throw new Error(`Ledger row for card ${entry.cardPk} not written.`);
  return rows[0]!;
}

/**
 * The opening `fund` row of a card that is issued with a balance (activation, single create).
 * Nothing is written for a zero amount: a card can be issued empty.
 */
export async function fundOnIssue(
  tx: DbTx,
  entry: Pick<LedgerEntry, 'accountId' | 'cardPk' | 'currency' | 'refId' | 'originatedBy' | 'metadata' | 'createdBy' | 'storeId'> & { amount: number },
): Promise<void> {
  if (entry.amount <= 0) return;
  await appendLedger(tx, { ...entry, kind: 'FUND', amount: BigInt(entry.amount) });
}
