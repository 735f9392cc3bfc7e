/**
 * "The card as it stood at T", read from the ledger's running balance: for each card, its latest
 * ledger row written before T (balance_after, currency, store of sale, time of that row). Rows are
 * only ever appended with created_at = the time of writing, so the answer for a past T never
 * changes after T — the as-of reports are stable by construction (and tested to be).
 *
 * It reads one index entry per row before T (index account_id, card_pk, created_at DESC, seq DESC),
 * never the cards' whole history: see docs/BENCHMARKS.md ("Reports") for the timings.
 */
import { Prisma } from '@/lib/generated/prisma/client';

/** SQL for a CTE body: card_pk, balance, currency, sale_store_id, last_at of every card at `asOf`. */
export function cardStatesAtSql(accountId: string, asOf: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (t.card_pk) t.card_pk, t.balance_after AS balance, t.currency, t.sale_store_id, t.created_at AS last_at
    FROM card_transactions t
    WHERE t.account_id = ${accountId} AND t.created_at < ${asOf}
    ORDER BY t.card_pk, t.created_at DESC, t.seq DESC`;
}
