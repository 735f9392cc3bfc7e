/**
 * "The card as it stood at T", read from the ledger's running balance: for each card, its latest
 * ledger row written before T (balance_after, currency, time of that row). Rows are only ever
 * appended with created_at = the time of writing, so the answer for a past T never changes after
 * T — the as-of reports are stable by construction (and tested to be).
 *
 * From the latest month-start snapshot S at or before T (card_state_snapshots, written with the
 * liability snapshot of S: liability-snapshots.ts): each card's state at S, overridden by its
 * latest row in [S, T) — one snapshot and at most a month of rows (the (account_id, created_at)
 * index), never the whole ledger. Without a snapshot, the latest row of each card before T from
 * the covering index (account_id, card_pk, created_at DESC, seq DESC, balance_after, currency),
 * with the same answer (tested). Timings: docs/BENCHMARKS.md ("Reports").
 */
import { Prisma } from '@/lib/generated/prisma/client';

/**
 * SQL for a CTE body: card_pk, balance, currency, last_at at `asOf` of every card whose balance
 * there may not be zero (a card whose balance was zero at the snapshot and did not move since is
 * left out; callers keep `balance <> 0`), starting from the snapshot at `snapAt` (null: none). The
 * boundary is a parameter, so the planner reads only the index range after it.
 */
export function cardStatesAtSql(accountId: string, asOf: Date, snapAt: Date | null): Prisma.Sql {
  const from = snapAt ?? new Date(0);
  return Prisma.sql`
    SELECT COALESCE(r.card_pk, p.card_pk) AS card_pk,
           CASE WHEN r.card_pk IS NULL THEN p.balance ELSE r.balance END AS balance,
           CASE WHEN r.card_pk IS NULL THEN p.currency ELSE r.currency END AS currency,
           CASE WHEN r.card_pk IS NULL THEN p.last_at ELSE r.last_at END AS last_at
    FROM (SELECT p.card_pk, p.balance, p.currency, p.last_at FROM card_state_snapshots p
          WHERE p.account_id = ${accountId} AND p.at = ${from}) p
    FULL JOIN (
      SELECT DISTINCT ON (t.card_pk) t.card_pk, t.balance_after AS balance, t.currency, t.created_at AS last_at
      FROM card_transactions t
      WHERE t.account_id = ${accountId} AND t.created_at >= ${from} AND t.created_at < ${asOf}
      ORDER BY t.card_pk, t.created_at DESC, t.seq DESC
    ) r ON r.card_pk = p.card_pk`;
}
