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
import { addDays, calendarDateOf, formatIsoDate, startOfDay } from '@/lib/time/zoned';
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
      const [cursor] = await tx.$queryRaw<{ through: string }[]>`SELECT to_char(through, 'YYYY-MM-DD') AS through FROM ledger_day_cursors WHERE account_id = ${accountId} FOR UPDATE`;
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

/**
 * SQL: movement parts (day, currency, category, sale_store_id, store_id, amount, row_count) in
 * [start, end) — totalled days up to the cursor, raw rows after it. `start` is a day start in `tz`.
 */
export function movementPartsSql(accountId: string, timeZone: string, start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    WITH cur AS (SELECT COALESCE((SELECT through FROM ledger_day_cursors WHERE account_id = ${accountId}), '-infinity'::date) AS through),
    edge AS (SELECT CASE WHEN cur.through = '-infinity'::date THEN '-infinity'::timestamptz
                         ELSE ((cur.through + 1)::timestamp AT TIME ZONE ${timeZone}) END AS raw_from, cur.through FROM cur)
    SELECT d.day, d.currency, d.category, d.sale_store_id, d.store_id, d.amount, d.row_count
    FROM ledger_day_totals d, edge
    WHERE d.account_id = ${accountId} AND d.day <= edge.through
      AND d.day >= (${start}::timestamptz AT TIME ZONE ${timeZone})::date AND (d.day::timestamp AT TIME ZONE ${timeZone}) < ${end}
    UNION ALL
    SELECT (t.created_at AT TIME ZONE ${timeZone})::date, t.currency, ${categorySql('t')}, t.sale_store_id, t.store_id, ${signedAmountSql('t')}, 1
    FROM card_transactions t, edge
    WHERE t.account_id = ${accountId} AND t.created_at >= GREATEST(${start}::timestamptz, edge.raw_from) AND t.created_at < ${end}
      AND ${movingKindsSql('t')}`;
}
