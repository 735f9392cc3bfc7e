/**
 * The amount_* fields, derived from the ledger (never stored twice): funds and drawdowns are
 * sums of ledger rows by kind. The card row caches `balance` and `pending` for fast checks under
 * its row lock; `ledger-consistency` tests prove the cache equals these sums after every operation.
 */
import type { DbTx } from '@/lib/db/client';
import { Prisma, type LedgerKind } from '@/lib/generated/prisma/client';

export interface CardAmounts {
  amount_funds: bigint;
  amount_drawdown: bigint;
  amount_pending: bigint;
  amount_reserved: bigint;
  amount_balance: bigint;
  amount_available: bigint;
}

const ZERO = BigInt(0);

export function amountsFromSums(sums: Partial<Record<LedgerKind, bigint>>): CardAmounts {
  const s = (k: LedgerKind) => sums[k] ?? ZERO;
  // Everything the contract calls a `fund` adds to amount_funds (refunds, upward adjustments, a
  // replaced card's balance arriving); an undone activation takes its fund back.
  const funds = s('FUND') - s('REVERSAL') + s('REFUND') + s('ADJUST_CREDIT') + s('TRANSFER_IN');
  // A write-off (a deleted card's balance booked off), an expiry (an expired card's balance
  // booked off), a downward adjustment and a replaced card's balance leaving leave the card like a
  // drawdown does.
  const drawdown = s('DRAWDOWN') + s('CAPTURE') + s('WRITE_OFF') + s('EXPIRY') + s('ADJUST_DEBIT') + s('TRANSFER_OUT');
  const pending = s('RESERVE') - s('CAPTURE') - s('RELEASE');
  const balance = funds - drawdown;
  return {
    amount_funds: funds,
    amount_drawdown: drawdown,
    amount_pending: pending,
    amount_reserved: pending,
    amount_balance: balance,
    amount_available: balance - pending,
  };
}

/** The amounts of each card from its ledger rows: one GROUP BY (raw SQL: no query building on the hot path). */
export async function ledgerAmounts(db: DbTx, cardPks: string[]): Promise<Map<string, CardAmounts>> {
  const rows = cardPks.length
    ? await db.$queryRaw<{ cardPk: string; kind: LedgerKind; total: string }[]>`
        SELECT card_pk AS "cardPk", kind, sum(amount)::text AS total FROM card_transactions
        WHERE card_pk = ANY(${cardPks}::uuid[]) GROUP BY card_pk, kind`
    : [];
  const sums = new Map<string, Partial<Record<LedgerKind, bigint>>>();
  for (const row of rows) {
    const entry = sums.get(row.cardPk) ?? {};
    entry[row.kind] = BigInt(row.total);
    sums.set(row.cardPk, entry);
  }
  return new Map(cardPks.map((pk) => [pk, amountsFromSums(sums.get(pk) ?? {})]));
}

/**
 * The same sums as a column of a larger query, so a card and its amounts are one round trip:
 * `{kind: "total", …}` (json; totals as text, exact beyond 2^53) of the ledger rows of the card
 * whose id is `cardPk` (SQL naming the card's id column). Read with amountsFromJson.
 */
export function ledgerSumsSql(cardPk: string): Prisma.Sql {
  return Prisma.sql`(SELECT json_object_agg(s.kind, s.total) FROM (
    SELECT l.kind, sum(l.amount)::text AS total FROM card_transactions l WHERE l.card_pk = ${Prisma.raw(cardPk)} GROUP BY l.kind) s)`;
}

/** The amounts from ledgerSumsSql's column (the driver gives json as an object or, on some, a string). */
export function amountsFromJson(sums: Record<string, string> | string | null): CardAmounts {
  const parsed = (typeof sums === 'string' ? JSON.parse(sums) : (sums ?? {})) as Partial<Record<LedgerKind, string>>;
  return amountsFromSums(Object.fromEntries(Object.entries(parsed).map(([kind, total]) => [kind, BigInt(total ?? 0)])));
}
