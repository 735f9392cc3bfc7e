/**
 * Per-day movement totals (ledger_day_totals), so a period report reads one row per day, store and
 * category instead of every ledger row. Days are the account's calendar days; a day is totalled
 * once it ended SNAPSHOT_MARGIN_MS ago, and the totals always cover a contiguous run of days up to
 * the account's cursor (ledger_day_cursors.through), written in one transaction under the cursor's
 * row lock. Ledger rows are only ever appended with the time of writing, so a totalled day never
 * changes. Derived data for speed only: movementRows (movements.ts) reads the totals up to the
 * cursor and the raw rows after it, and gives the same figures without any totals (tested).
 */
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { addDays, calendarDateOf, formatIsoDate, parseIsoDate, startOfDay } from '@/lib/time/zoned';
import { categorySql, movingKindsSql, signedAmountSql } from './categories';
import { SNAPSHOT_MARGIN_MS } from './liability-snapshots';

/** Totals the days that ended (with margin) since the cursor; returns the number of days added. */
export async function ensureDayTotals(accountId: string, now = new Date()): Promise<number> {
  const db = getDb();
  const [account, first] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true } }),
    db.cardTransaction.findFirst({ where: { accountId }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ]);
  if (!first) return 0;
  const tz = account.timeZone;
  // The last day whose end is at least the margin in the past.
  const lastDay = addDays(calendarDateOf(new Date(now.getTime() - SNAPSHOT_MARGIN_MS), tz), -1);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`INSERT INTO ledger_day_cursors (account_id, through) VALUES (${accountId}, ${formatIsoDate(addDays(calendarDateOf(first.createdAt, tz), -1))}::date) ON CONFLICT DO NOTHING`;
      const [cursor] = await tx.$queryRaw<
        { through: string }[]
      >`SELECT to_char(through, 'YYYY-MM-DD') AS through FROM ledger_day_cursors WHERE account_id = ${accountId} FOR UPDATE`;
      const [y, m, d] = cursor!.through.split('-').map(Number) as [number, number, number];
      const fromDay = addDays({ year: y, month: m, day: d }, 1);
      const from = startOfDay(fromDay, tz);
      const to = startOfDay(addDays(lastDay, 1), tz);
      if (to <= from) return 0;
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO ledger_day_totals (id, account_id, day, currency, category, sale_store_id, store_id, amount, row_count)
        SELECT gen_random_uuid(), ${accountId}, (t.created_at AT TIME ZONE ${tz})::date, t.currency, ${categorySql('t')},
               t.sale_store_id, t.store_id, sum(${signedAmountSql('t')}), count(*)
        FROM card_transactions t
        WHERE t.account_id = ${accountId} AND t.created_at >= ${from} AND t.created_at < ${to} AND ${movingKindsSql('t')}
        GROUP BY 3, 4, 5, 6, 7`);
      await tx.$executeRaw`UPDATE ledger_day_cursors SET through = ${formatIsoDate(lastDay)}::date, updated_at = now() WHERE account_id = ${accountId}`;
      return Math.round((to.getTime() - from.getTime()) / 86_400_000);
    },
    { timeout: 600_000 },
  );
}

export async function ensureAllDayTotals(now = new Date()): Promise<number> {
  const accounts = await getDb().account.findMany({ select: { id: true } });
  let days = 0;
  for (const a of accounts) days += await ensureDayTotals(a.id, now);
  return days;
}

/** The last totalled day of the account (YYYY-MM-DD), or null before the first run. */
export async function dayCursor(accountId: string): Promise<string | null> {
  const [row] = await getDb().$queryRaw<
    { through: string }[]
  >`SELECT to_char(through, 'YYYY-MM-DD') AS through FROM ledger_day_cursors WHERE account_id = ${accountId}`;
  return row?.through ?? null;
}

/**
 * SQL: movement parts (day, currency, category, sale_store_id, store_id, amount, row_count) in
 * [start, end) — totalled days up to the cursor `through`, raw rows after it. `start` is a day
 * start in `timeZone`, `end` a day start or later than the cursor's last day. The boundaries are
 * parameters, not subqueries, so the planner reads only the index ranges it needs.
 */
export function movementPartsSql(accountId: string, timeZone: string, start: Date, end: Date, through: string | null): Prisma.Sql {
  const rawFrom = through ? startOfDay(addDays(parseIsoDate(through)!, 1), timeZone) : new Date(0);
  const firstDay = formatIsoDate(calendarDateOf(start, timeZone));
  const rawStart = start > rawFrom ? start : rawFrom;
  const totals = through
    ? Prisma.sql`
    SELECT d.day, d.currency, d.category, d.sale_store_id, d.store_id, d.amount, d.row_count
    FROM ledger_day_totals d
    WHERE d.account_id = ${accountId} AND d.day >= ${firstDay}::date AND d.day <= ${through}::date
      AND (d.day::timestamp AT TIME ZONE ${timeZone}) < ${end}
    UNION ALL`
    : Prisma.empty;
  return Prisma.sql`${totals}
    SELECT (t.created_at AT TIME ZONE ${timeZone})::date AS day, t.currency, ${categorySql('t')} AS category, t.sale_store_id, t.store_id, ${signedAmountSql('t')} AS amount, 1 AS row_count
    FROM card_transactions t
    WHERE t.account_id = ${accountId} AND t.created_at >= ${rawStart} AND t.created_at < ${end}
      AND ${movingKindsSql('t')}`;
}
