/**
 * Month-start snapshots of the liability (per currency, store of sale, print run, card type), and
 * of each card's state (as-of.ts, for the reports that need every card: aging, breakage), so
 * "the liability at T" is the latest snapshot at or before T plus the signed ledger rows from it
 * to T — at most a month of rows, never the whole ledger. Derived data for speed only: without a
 * snapshot the same query sums from the first row and gives the same figures (tested).
 *
 * A boundary is snapshotted once it is SNAPSHOT_MARGIN_MS in the past (a transaction in flight
 * carries a time from before its commit), each from the previous snapshot plus that month's rows,
 * in one transaction with its marker row (liability_snapshot_runs); a concurrent run for the same
 * boundary waits on the marker's key and then skips it. Ledger rows are only ever appended with the
 * time of writing, so a snapshot never goes stale. The worker calls ensureAllLiabilitySnapshots
 * every 10 minutes.
 */
import { getDb, type DbTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { addMonths, calendarDateOf, startOfDay } from '@/lib/time/zoned';
import { cardStatesAtSql } from './as-of';
import { movingKindsSql, signedAmountSql } from './categories';

export const SNAPSHOT_MARGIN_MS = 60 * 60_000;

/** The latest complete snapshot boundary at (or, while building one, strictly before) `at`, or null. */
export async function snapshotBefore(accountId: string, at: Date, options: { strictly?: boolean } = {}, db: DbTx = getDb()): Promise<Date | null> {
  const run = await db.liabilitySnapshotRun.findFirst({
    where: { accountId, at: options.strictly ? { lt: at } : { lte: at } },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  return run?.at ?? null;
}

/**
 * SQL: rows (currency, sale_store_id, batch_id, card_type, balance) whose sum per group is the
 * liability at `at`, starting from the snapshot at `snapAt` (null: from the first row). The
 * boundary is a parameter, not a subquery, so the planner reads only the index range after it.
 */
export function liabilityPartsSql(accountId: string, at: Date, snapAt: Date | null): Prisma.Sql {
  const from = snapAt ?? new Date(0);
  return Prisma.sql`
    SELECT s.currency, s.sale_store_id, s.batch_id, s.card_type, s.balance
    FROM liability_snapshots s WHERE s.account_id = ${accountId} AND s.at = ${from}
    UNION ALL
    SELECT t.currency, t.sale_store_id, c.batch_id, c.type AS card_type, ${signedAmountSql('t')} AS balance
    FROM card_transactions t JOIN cards c ON c.id = t.card_pk
    WHERE t.account_id = ${accountId} AND t.created_at >= ${from} AND t.created_at < ${at}
      AND ${movingKindsSql('t')}`;
}

/** Writes the missing month-start snapshots of one account up to `now` − margin; returns how many. */
export async function ensureLiabilitySnapshots(accountId: string, now = new Date()): Promise<number> {
  const db = getDb();
  const [account, first] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true } }),
    db.cardTransaction.findFirst({ where: { accountId }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ]);
  if (!first) return 0;
  const limit = new Date(now.getTime() - SNAPSHOT_MARGIN_MS);
  const existing = new Set((await db.liabilitySnapshotRun.findMany({ where: { accountId }, select: { at: true } })).map((r) => r.at.getTime()));
  const firstDay = calendarDateOf(first.createdAt, account.timeZone);
  let month = addMonths({ year: firstDay.year, month: firstDay.month, day: 1 }, 1);
  let written = 0;
  for (let at = startOfDay(month, account.timeZone); at <= limit; month = addMonths(month, 1), at = startOfDay(month, account.timeZone)) {
    if (existing.has(at.getTime())) continue;
    const boundary = at;
    const didWrite = await db.$transaction(
      async (tx) => {
        const marked = await tx.$executeRaw`
          INSERT INTO liability_snapshot_runs (account_id, at, row_count) VALUES (${accountId}, ${boundary}, 0) ON CONFLICT DO NOTHING`;
        if (marked === 0) return false;
        const previous = await snapshotBefore(accountId, boundary, { strictly: true }, tx);
        const rows = await tx.$executeRaw(Prisma.sql`
          INSERT INTO liability_snapshots (id, account_id, at, currency, sale_store_id, batch_id, card_type, balance)
          SELECT gen_random_uuid(), ${accountId}, ${boundary}, p.currency, p.sale_store_id, p.batch_id, p.card_type, sum(p.balance)
          FROM (${liabilityPartsSql(accountId, boundary, previous)}) p
          GROUP BY p.currency, p.sale_store_id, p.batch_id, p.card_type HAVING sum(p.balance) <> 0`);
        // Each card's state at the boundary (as-of.ts), from the previous boundary's the same way.
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO card_state_snapshots (account_id, at, card_pk, currency, balance, last_at)
          SELECT ${accountId}, ${boundary}, s.card_pk, s.currency, s.balance, s.last_at
          FROM (${cardStatesAtSql(accountId, boundary, previous)}) s WHERE s.balance <> 0`);
        await tx.liabilitySnapshotRun.update({ where: { accountId_at: { accountId, at: boundary } }, data: { rowCount: rows } });
        return true;
      },
      { timeout: 600_000 },
    );
    if (didWrite) written++;
  }
  // A boundary adds a row per card with a balance: fresh statistics at once (not at autovacuum's
  // next visit), or the planner takes the new snapshot for a handful of rows and sorts it on disk.
  if (written > 0) await db.$executeRawUnsafe('ANALYZE card_state_snapshots, liability_snapshots');
  return written;
}

/** The worker's pass over every account. */
export async function ensureAllLiabilitySnapshots(now = new Date()): Promise<number> {
  const accounts = await getDb().account.findMany({ select: { id: true } });
  let written = 0;
  for (const a of accounts) written += await ensureLiabilitySnapshots(a.id, now);
  return written;
}
