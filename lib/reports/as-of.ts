/**
 * "The card as it stood at T", read from the ledger's running balance: for each card, its latest
 * ledger row written before T (balance_after, currency, store of sale, time of that row). Rows are
 * only ever appended with created_at = the time of writing, so the answer for a past T never
 * changes after T — the as-of reports are stable by construction (and tested to be).
 *
 * It reads the covering index (account_id, card_pk, created_at DESC, seq DESC, balance_after,
 * currency) once, without the table: used where a report needs each card (aging, the breakage
 * estimate's open balances). Totals use month-start snapshots instead (liability-snapshots.ts).
 * Timings: docs/BENCHMARKS.md ("Reports").
 */
import { Prisma } from '@/lib/generated/prisma/client';

/** SQL for a CTE body: card_pk, balance, currency, last_at of every card at `asOf` (all from the covering index). */
export function cardStatesAtSql(accountId: string, asOf: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (t.card_pk) t.card_pk, t.balance_after AS balance, t.currency, t.created_at AS last_at
    FROM card_transactions t
    WHERE t.account_id = ${accountId} AND t.created_at < ${asOf}
    ORDER BY t.card_pk, t.created_at DESC, t.seq DESC`;
}
