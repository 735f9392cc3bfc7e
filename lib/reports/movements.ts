/**
 * Report 3, movements for a period: the ledger's rows in [start, end) by day/week/month (the
 * chain's time zone), movement category (lib/reports/categories.ts) and store of sale, and the
 * reconciliation per currency: opening liability (report 1 at start) + movements = closing
 * liability (report 1 at end). The difference is shown, and is zero unless the ledger is broken.
 */
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { CATEGORIES, type Category } from './categories';
import { dayCursor, movementPartsSql } from './day-totals';
import { reportContext } from './context';
import { liabilityTotals } from './liability';
import { resolvePeriod, type Period, type PeriodInput } from './schemas';

export interface MovementRow {
  bucket: string;
  currency: string;
  storeId: string | null;
  store: string;
  category: Category;
  /** Signed: + raises the liability, − lowers it. */
  amount: bigint;
  count: number;
}

export interface Reconciliation {
  currency: string;
  opening: bigint;
  byCategory: Record<Category, bigint>;
  closing: bigint;
  /** closing − (opening + Σ movements): zero for a sound ledger. */
  difference: bigint;
}

export interface MovementsReport {
  period: Period;
  granularity: 'day' | 'week' | 'month';
  rows: MovementRow[];
  reconciliation: Reconciliation[];
}

/**
 * Signed movement sums in [start, end) per bucket, currency, store of sale and category, from the
 * day totals up to their cursor and the raw rows after it (day-totals.ts). `start` is a day start.
 */
export async function movementRows(accountId: string, timeZone: string, start: Date, end: Date, granularity: 'day' | 'week' | 'month') {
  const through = await dayCursor(accountId);
  return getDb().$queryRaw<{ bucket: string; currency: string; store_id: string | null; category: Category; amount: bigint; count: bigint }[]>(Prisma.sql`
    WITH p AS (${movementPartsSql(accountId, timeZone, start, end, through)})
    SELECT to_char(date_trunc(${granularity}, p.day::timestamp), 'YYYY-MM-DD') AS bucket,
           p.currency, p.sale_store_id::text AS store_id, p.category,
           sum(p.amount)::bigint AS amount, sum(p.row_count)::bigint AS count
    FROM p GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
}

export function emptyByCategory(): Record<Category, bigint> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, BigInt(0)])) as Record<Category, bigint>;
}

/** HQ (reports:view). */
export async function getMovementsReport(actor: UserActor, input: PeriodInput, now = new Date()): Promise<MovementsReport> {
  const ctx = await reportContext(actor);
  const period = resolvePeriod(input, ctx.timeZone, now);
  const [raw, opening, closing] = await Promise.all([
    movementRows(ctx.accountId, ctx.timeZone, period.start, period.end, input.granularity),
    liabilityTotals(ctx.accountId, period.start),
    liabilityTotals(ctx.accountId, period.end),
  ]);
  const rows = raw.map((r) => ({
    bucket: r.bucket,
    currency: r.currency,
    storeId: r.store_id,
    store: ctx.storeName(r.store_id),
    category: r.category,
    amount: r.amount,
    count: Number(r.count),
  }));
  const currencies = [...new Set([...opening.keys(), ...closing.keys(), ...rows.map((r) => r.currency)])].sort();
  const reconciliation = currencies.map((currency) => {
    const byCategory = emptyByCategory();
    for (const r of rows) if (r.currency === currency) byCategory[r.category] += r.amount;
    const open = opening.get(currency) ?? BigInt(0);
    const close = closing.get(currency) ?? BigInt(0);
    const moved = Object.values(byCategory).reduce((a, b) => a + b, BigInt(0));
    return { currency, opening: open, byCategory, closing: close, difference: close - open - moved };
  });
  return { period, granularity: input.granularity, rows, reconciliation };
}

/** Per day: activations (sales) and redemptions per currency, every day present (for the chart). */
export function dailySeries(report: MovementsReport, currency: string): { day: string; sales: bigint; redemptions: bigint }[] {
  const days: string[] = [];
  for (let d = new Date(`${report.period.fromDate}T00:00:00Z`); d.toISOString().slice(0, 10) <= report.period.toDate; d = new Date(d.getTime() + 86_400_000)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days.map((day) => {
    const on = report.rows.filter((r) => r.bucket === day && r.currency === currency);
    return {
      day,
      sales: on.filter((r) => r.category === 'sale').reduce((a, r) => a + r.amount, BigInt(0)),
      redemptions: -on.filter((r) => r.category === 'redemption').reduce((a, r) => a + r.amount, BigInt(0)),
    };
  });
}
