/**
 * Month-start snapshots of the liability (per currency, store of sale, print run, card type),
 * of each card's state (as-of.ts, for the reports that need every card: aging, breakage), and of
 * the breakage estimate's matured cohort and redemption curve (breakage-curve.ts), so "the
 * liability at T" is the latest snapshot at or before T plus the signed ledger rows from it to T —
 * at most a month of rows, never the whole ledger. Derived data for speed only: without a snapshot
 * the same queries sum from the first row and give the same figures (tested).
 *
 * A boundary is snapshotted once it is SNAPSHOT_MARGIN_MS in the past (a transaction in flight
 * carries a time from before its commit), each from the previous snapshot plus that month's rows,
 * in one transaction with its marker row (liability_snapshot_runs); a concurrent run for the same
 * boundary waits on the marker's key and then skips it. Ledger rows are only ever appended with the
 * time of writing, so a snapshot never goes stale. The worker calls ensureAllLiabilitySnapshots
 * every 10 minutes.
 *
 * Card states are a row per card with a balance per boundary (a million cards: ~650,000 rows a
 * month), and only aging and the breakage estimate read them, for T at or after their boundary.
 * pruneCardStates keeps those of the latest KEEP_LATEST_CARD_STATES boundaries and of every
 * quarter start (January, April, July, October in the account's time zone): a report for any T
 * then reads at most three months of rows on top of a kept snapshot, and the storage grows by four
 * boundaries a year instead of twelve. The liability snapshots and the breakage inputs are a few
 * rows per boundary and are all kept; so is every marker (with the time its card states were given
 * up). Reports stop reading a boundary's card states when it is marked; its rows are deleted only
 * PRUNE_GRACE_MS later, so a report that chose that boundary just before never reads it half gone.
 */
import { getDb, type DbTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { addMonths, calendarDateOf, startOfDay } from '@/lib/time/zoned';
import { cardStatesAtSql, SNAPSHOT_MARGIN_MS } from './as-of';
import { writeBreakageInputs } from './breakage-curve';
import { movingKindsSql, signedAmountSql } from './categories';

export { SNAPSHOT_MARGIN_MS };

/** Card states are kept for this many latest boundaries (and for every quarter start). */
export const KEEP_LATEST_CARD_STATES = 3;
/** How long a boundary's card states stay after reports stopped reading them. */
export const PRUNE_GRACE_MS = 15 * 60_000;

/**
 * The latest complete snapshot boundary at (or, while building one, strictly before) `at`, or
 * null. `cardStates`: only a boundary whose card states are kept (what as-of.ts reads).
 */
export async function snapshotBefore(
  accountId: string,
  at: Date,
  options: { strictly?: boolean; cardStates?: boolean } = {},
  db: DbTx = getDb(),
): Promise<Date | null> {
  const run = await db.liabilitySnapshotRun.findFirst({
    where: { accountId, at: options.strictly ? { lt: at } : { lte: at }, ...(options.cardStates ? { cardStatesDroppedAt: null } : {}) },
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
        const previousStates = await snapshotBefore(accountId, boundary, { strictly: true, cardStates: true }, tx);
        const rows = await tx.$executeRaw(Prisma.sql`
          INSERT INTO liability_snapshots (id, account_id, at, currency, sale_store_id, batch_id, card_type, balance)
          SELECT gen_random_uuid(), ${accountId}, ${boundary}, p.currency, p.sale_store_id, p.batch_id, p.card_type, sum(p.balance)
          FROM (${liabilityPartsSql(accountId, boundary, previous)}) p
          GROUP BY p.currency, p.sale_store_id, p.batch_id, p.card_type HAVING sum(p.balance) <> 0`);
        // Each card's state at the boundary (as-of.ts), from the previous kept boundary's the same
        // way, with its dates as they are now.
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO card_state_snapshots (account_id, at, card_pk, currency, balance, last_at, expires_at, sold_at)
          SELECT ${accountId}, ${boundary}, s.card_pk, s.currency, s.balance, s.last_at, s.expires_at, s.sold_at
          FROM (${cardStatesAtSql(accountId, boundary, previousStates)}) s WHERE s.balance <> 0`);
        // Statistics that know this boundary's rows (ANALYZE counts the transaction's own inserts)
        // before the next boundary reads them: else the planner takes them for one row and joins
        // them to the month's cards in a nested loop (the first pass took minutes per boundary).
        await tx.$executeRawUnsafe('ANALYZE card_state_snapshots');
        await writeBreakageInputs(tx, accountId, boundary);
        await tx.liabilitySnapshotRun.update({ where: { accountId_at: { accountId, at: boundary } }, data: { rowCount: rows } });
        return true;
      },
      { timeout: 600_000 },
    );
    if (didWrite) written++;
  }
  await pruneCardStates(accountId, account.timeZone, now);
  // A boundary adds a row per card with a balance: fresh statistics at once (not at autovacuum's
  // next visit), or the planner takes the new snapshot for a handful of rows and sorts it on disk.
  if (written > 0) await db.$executeRawUnsafe('ANALYZE card_state_snapshots, liability_snapshots');
  return written;
}

/**
 * The retention policy of the header: marks the card states of every boundary that is neither one
 * of the latest KEEP_LATEST_CARD_STATES nor a quarter start as given up (reports stop reading them
 * at once: snapshotBefore with `cardStates`), deletes the rows of those marked PRUNE_GRACE_MS ago,
 * and forgets the date changes (card_date_changes) from before the oldest boundary a report may
 * still read (less the margin), which nothing reads any more. Returns the boundaries marked now.
 */
export async function pruneCardStates(accountId: string, timeZone: string, now = new Date()): Promise<number> {
  const db = getDb();
  const runs = await db.liabilitySnapshotRun.findMany({
    where: { accountId, cardStatesDroppedAt: null },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const isQuarterStart = (at: Date) => (calendarDateOf(at, timeZone).month - 1) % 3 === 0;
  const drop = runs.slice(KEEP_LATEST_CARD_STATES).filter((r) => !isQuarterStart(r.at));
  if (drop.length > 0) {
    await db.liabilitySnapshotRun.updateMany({ where: { accountId, at: { in: drop.map((r) => r.at) } }, data: { cardStatesDroppedAt: now } });
  }
  const gone = await db.liabilitySnapshotRun.findMany({
    where: { accountId, cardStatesDroppedAt: { lte: new Date(now.getTime() - PRUNE_GRACE_MS) } },
    select: { at: true },
  });
  if (gone.length > 0) {
    await db.cardStateSnapshot.deleteMany({ where: { accountId, at: { in: gone.map((r) => r.at) } } });
  }
  // The oldest boundary whose card states a report may still read (kept, or in its grace period).
  const oldestRead = await db.liabilitySnapshotRun.findFirst({
    where: { accountId, OR: [{ cardStatesDroppedAt: null }, { cardStatesDroppedAt: { gt: new Date(now.getTime() - PRUNE_GRACE_MS) } }] },
    orderBy: { at: 'asc' },
    select: { at: true },
  });
  if (oldestRead) {
    await db.cardDateChange.deleteMany({ where: { accountId, changedAt: { lt: new Date(oldestRead.at.getTime() - SNAPSHOT_MARGIN_MS) } } });
  }
  return drop.length;
}

/** The worker's pass over every account. */
export async function ensureAllLiabilitySnapshots(now = new Date()): Promise<number> {
  const accounts = await getDb().account.findMany({ select: { id: true } });
  let written = 0;
  for (const a of accounts) written += await ensureLiabilitySnapshots(a.id, now);
  return written;
}
