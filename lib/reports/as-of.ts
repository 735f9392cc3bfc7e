/**
 * "The card as it stood at T", read from the ledger's running balance: for each card, its latest
 * ledger row written before T (balance_after, currency, time of that row). Rows are only ever
 * appended with created_at = the time of writing, so the answer for a past T never changes after
 * T — the as-of reports are stable by construction (and tested to be).
 *
 * From the latest month-start snapshot S at or before T whose card states are kept
 * (card_state_snapshots, written with the liability snapshot of S: liability-snapshots.ts): each
 * card's state at S, overridden by its latest row in [S, T) — one snapshot and at most a month of
 * rows (the (account_id, created_at) index), never the whole ledger. Without a snapshot, the
 * latest row of each card before T from the covering index (account_id, card_pk, created_at DESC,
 * seq DESC, balance_after, currency), with the same answer (tested).
 *
 * With the state, each card's expires_at and sale time (activated_at, else created_at) as they are
 * NOW — the dates aging and the breakage estimate bucket by. The snapshot carries them as they
 * stood when it was written; they are re-read from `cards` only for the cards that may differ:
 * those with a row since S (new cards among them), and those whose dates changed since S less the
 * snapshot margin (card_date_changes, written by a trigger on cards for cards already sold: expiry
 * controls, an undone sale; a first sale writes a ledger row instead). The snapshot is written at least the margin after S, so every change it did not
 * see is in that log (a transaction open for longer than the margin aside — the same assumption
 * the ledger's snapshots make). So the bulk of the cards come from one snapshot scan, and the
 * answer is the same as joining every card to `cards` (tested, an expiry changed after a snapshot
 * included). Timings: docs/BENCHMARKS.md ("Reports").
 */
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

/** How long after a boundary its snapshot is written (a transaction in flight carries an older time). */
export const SNAPSHOT_MARGIN_MS = 60 * 60_000;

/**
 * SQL for a CTE body: card_pk, balance, currency, last_at at `asOf`, and expires_at, sold_at as
 * they are now, of every card whose balance there may not be zero (a card whose balance was zero
 * at the snapshot and did not move since is left out; callers keep `balance <> 0`), starting from
 * the card states of the snapshot at `snapAt` (null: none). The boundary is a parameter, so the
 * planner reads only the index range after it.
 */
export function cardStatesAtSql(accountId: string, asOf: Date, snapAt: Date | null): Prisma.Sql {
  const from = snapAt ?? new Date(0);
  // Without a snapshot every card with a row is re-read from cards anyway: no date log needed.
  const changed = snapAt
    ? Prisma.sql`UNION SELECT d.card_pk FROM card_date_changes d
        WHERE d.account_id = ${accountId} AND d.changed_at >= ${new Date(snapAt.getTime() - SNAPSHOT_MARGIN_MS)}`
    : Prisma.empty;
  // With a snapshot, k is a month of movers: each looked up by primary key (OFFSET 0 keeps the
  // lookup from being flattened into a hash join over every card). Without one, every card.
  const datesOf = snapAt
    ? Prisma.sql`CROSS JOIN LATERAL (SELECT c.expires_at, c.activated_at, c.created_at FROM cards c WHERE c.id = k.card_pk OFFSET 0) c`
    : Prisma.sql`JOIN cards c ON c.id = k.card_pk`;
  return Prisma.sql`
    WITH r AS MATERIALIZED (
      SELECT DISTINCT ON (t.card_pk) t.card_pk, t.balance_after AS balance, t.currency, t.created_at AS last_at
      FROM card_transactions t
      WHERE t.account_id = ${accountId} AND t.created_at >= ${from} AND t.created_at < ${asOf}
      ORDER BY t.card_pk, t.created_at DESC, t.seq DESC
    ),
    -- Not materialized: scanned once below, and looked up by primary key for the re-read cards.
    p AS NOT MATERIALIZED (
      SELECT p.card_pk, p.balance, p.currency, p.last_at, p.expires_at, p.sold_at FROM card_state_snapshots p
      WHERE p.account_id = ${accountId} AND p.at = ${from}
    ),
    -- The cards whose state or dates may differ from the snapshot's: read from cards.
    k AS MATERIALIZED (SELECT r.card_pk FROM r ${changed})
    -- The snapshot's other cards, as it holds them: p without k (planned as a hashed or merged
    -- anti join while the snapshot's statistics are fresh — the job ANALYZEs each boundary).
    SELECT p.card_pk, p.balance, p.currency, p.last_at, p.expires_at, p.sold_at
    FROM p FULL JOIN k ON k.card_pk = p.card_pk WHERE k.card_pk IS NULL
    UNION ALL
    SELECT k.card_pk,
           CASE WHEN r.card_pk IS NULL THEN p.balance ELSE r.balance END,
           CASE WHEN r.card_pk IS NULL THEN p.currency ELSE r.currency END,
           CASE WHEN r.card_pk IS NULL THEN p.last_at ELSE r.last_at END,
           c.expires_at, COALESCE(c.activated_at, c.created_at)
    FROM k ${datesOf}
    LEFT JOIN r ON r.card_pk = k.card_pk
    LEFT JOIN p ON p.card_pk = k.card_pk
    WHERE r.card_pk IS NOT NULL OR p.card_pk IS NOT NULL`;
}

/**
 * Runs a report's query over every card with JIT compilation off: its plans cost enough for
 * PostgreSQL to inline and optimise them (jit_inline_above_cost, jit_optimize_above_cost), which
 * took ~360 ms of a 790 ms as-of query on the 1M-card bench — more than it saves on one pass.
 */
export async function queryWithoutJit<T>(sql: Prisma.Sql): Promise<T> {
  const db = getDb();
  const [, rows] = await db.$transaction([db.$executeRaw`SET LOCAL jit = off`, db.$queryRaw<T>(sql)]);
  return rows;
}
