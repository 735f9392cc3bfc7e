/**
 * The ledger invariant, checked by SQL against any database: every card's cached `balance` and
 * `pending` equal the sums of its ledger rows (signs from lib/cards/ledger.ts), its newest row's
 * running balance (`balance_after`, what the as-of reports read) equals that sum, and none of
 * balance, pending and available is negative. Used by `npm run check:ledger` (operators) and the
 * tests of every balance change.
 */
import type { DbTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { LEDGER_BALANCE_SQL, LEDGER_PENDING_SQL } from './ledger';

export interface LedgerMismatch {
  accountId: string;
  cardId: string;
  cachedBalance: bigint;
  ledgerBalance: bigint;
  cachedPending: bigint;
  ledgerPending: bigint;
  /** The newest row's balance_after (by seq); null for a card without rows. */
  runningBalance: bigint | null;
}

export interface LedgerReport {
  cards: number;
  ledgerRows: number;
  /** At most `limit` of them, by account and card id. */
  mismatches: LedgerMismatch[];
  mismatchCount: number;
}

export async function checkLedger(db: DbTx, options: { limit?: number } = {}): Promise<LedgerReport> {
  const limit = options.limit ?? 100;
  const sums = Prisma.raw(
    `SELECT card_pk, ${LEDGER_BALANCE_SQL} AS balance, ${LEDGER_PENDING_SQL} AS pending, COUNT(*) AS n, (array_agg(balance_after ORDER BY seq DESC))[1] AS running FROM card_transactions GROUP BY card_pk`,
  );
  const rows = await db.$queryRaw<
    {
      account_id: string;
      card_id: string;
      cached_balance: bigint;
      ledger_balance: bigint;
      cached_pending: bigint;
      ledger_pending: bigint;
      running_balance: bigint | null;
      cards: bigint;
      ledger_rows: bigint;
      bad: bigint;
    }[]
  >`
    WITH sums AS (${sums}),
    joined AS (
      SELECT c.account_id, c.card_id, c.balance AS cached_balance, COALESCE(s.balance, 0)::bigint AS ledger_balance,
             c.pending AS cached_pending, COALESCE(s.pending, 0)::bigint AS ledger_pending, COALESCE(s.n, 0) AS n,
             s.running AS running_balance
      FROM cards c LEFT JOIN sums s ON s.card_pk = c.id
    ),
    bad AS (
      SELECT * FROM joined
      WHERE cached_balance <> ledger_balance OR cached_pending <> ledger_pending OR running_balance <> ledger_balance
         OR cached_balance < 0 OR cached_pending < 0 OR cached_balance - cached_pending < 0
    )
    SELECT b.account_id, b.card_id, b.cached_balance, b.ledger_balance, b.cached_pending, b.ledger_pending, b.running_balance,
           t.cards, t.ledger_rows, t.bad
    FROM (SELECT COUNT(*) AS cards, COALESCE(SUM(n), 0)::bigint AS ledger_rows, (SELECT COUNT(*) FROM bad) AS bad FROM joined) t
    LEFT JOIN LATERAL (SELECT * FROM bad ORDER BY account_id, card_id LIMIT ${limit}) b ON true`;
  const first = rows[0];
  return {
    cards: Number(first?.cards ?? 0),
    ledgerRows: Number(first?.ledger_rows ?? 0),
    mismatchCount: Number(first?.bad ?? 0),
    mismatches: rows
      .filter((r) => r.card_id !== null)
      .map((r) => ({
        accountId: r.account_id,
        cardId: r.card_id,
        cachedBalance: BigInt(r.cached_balance),
        ledgerBalance: BigInt(r.ledger_balance),
        cachedPending: BigInt(r.cached_pending),
        ledgerPending: BigInt(r.ledger_pending),
        runningBalance: r.running_balance === null ? null : BigInt(r.running_balance),
      })),
  };
}
