import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { liabilityTotals } from '@/lib/reports/liability';
import { movementRows } from '@/lib/reports/movements';
import { addDays, calendarDateOf, formatIsoDate, startOfDay } from '@/lib/time/zoned';

const ZERO = BigInt(0);
const SPARK_DAYS = 30;

export interface FlowFigures {
  currency: string;
  salesToday: bigint;
  salesYesterday: bigint;
  sales7d: bigint;
  salesPrev7d: bigint;
  redemptionsToday: bigint;
  redemptionsYesterday: bigint;
  redemptions7d: bigint;
  redemptionsPrev7d: bigint;
}

/**
 * The HQ dashboard, from the ledger like the reports: the liability per currency now with its
 * end-of-day values over the last 30 days (walked back from now by each day's movements), sales
 * and redemptions today vs yesterday and the last 7 days vs the 7 before, cards per status, print
 * runs awaiting their secrets' release, and the top stores by value loaded in 30 days.
 */
export async function getDashboardSummary(actor: UserActor, now = new Date()) {
  assertCan(actor, 'hq:view');
  const db = getDb();
  const { timeZone } = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { timeZone: true } });
  const today = calendarDateOf(now, timeZone);
  const since = startOfDay(addDays(today, -(SPARK_DAYS - 1)), timeZone);
  const [byStatus, liability, rows, awaiting, stores] = await Promise.all([
    db.card.groupBy({ by: ['status'], where: { accountId: actor.accountId, deletedAt: null }, _count: { _all: true } }),
    liabilityTotals(actor.accountId, now),
    movementRows(actor.accountId, timeZone, since, now, 'day'),
    db.batch.findMany({
      where: { accountId: actor.accountId, secretsState: 'AWAITING_RELEASE', status: { in: ['READY', 'RUNNING', 'PENDING'] } },
      orderBy: [{ secretsDeadline: 'asc' }],
      take: 5,
      select: { id: true, quantity: true, purchaseOrder: true, manufacturer: true, secretsDeadline: true, createdAt: true },
    }),
    db.store.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true } }),
  ]);

  const days = Array.from({ length: SPARK_DAYS }, (_, i) => formatIsoDate(addDays(today, i - (SPARK_DAYS - 1))));
  const sum = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((a, r) => a + r.amount, ZERO);
  const currencies = [...new Set([...liability.keys(), ...rows.map((r) => r.currency)])].sort();

  const outstanding = currencies.map((currency) => {
    // End-of-day liability, newest first: today's end is now; each earlier day is the next day's minus its movements.
    const series: bigint[] = [];
    let level = liability.get(currency) ?? ZERO;
    for (let i = days.length - 1; i >= 0; i--) {
      series.unshift(level);
      level -= sum((r) => r.currency === currency && r.bucket === days[i]);
    }
    return { currency, amountMinor: liability.get(currency) ?? ZERO, series };
  });

  const inDays = (from: number, to: number) => new Set(days.slice(days.length - to, days.length - from));
  const flow = (currency: string, category: 'sale' | 'redemption', set: Set<string>) =>
    BigInt(category === 'redemption' ? -1 : 1) * sum((r) => r.currency === currency && r.category === category && set.has(r.bucket));
  const flows: FlowFigures[] = currencies.map((currency) => ({
    currency,
    salesToday: flow(currency, 'sale', inDays(0, 1)),
    salesYesterday: flow(currency, 'sale', inDays(1, 2)),
    sales7d: flow(currency, 'sale', inDays(0, 7)),
    salesPrev7d: flow(currency, 'sale', inDays(7, 14)),
    redemptionsToday: flow(currency, 'redemption', inDays(0, 1)),
    redemptionsYesterday: flow(currency, 'redemption', inDays(1, 2)),
    redemptions7d: flow(currency, 'redemption', inDays(0, 7)),
    redemptionsPrev7d: flow(currency, 'redemption', inDays(7, 14)),
  }));

  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const loadedByStore = new Map<string, { storeId: string | null; currency: string; loaded: bigint }>();
  for (const r of rows) {
    if (r.category !== 'sale' && r.category !== 'reversal') continue;
    const key = `${r.store_id ?? ''}:${r.currency}`;
    const entry = loadedByStore.get(key) ?? { storeId: r.store_id, currency: r.currency, loaded: ZERO };
    entry.loaded += r.amount;
    loadedByStore.set(key, entry);
  }
  const topStores = [...loadedByStore.values()]
    .filter((s) => s.loaded > ZERO)
    .sort((a, b) => (a.loaded === b.loaded ? 0 : a.loaded > b.loaded ? -1 : 1))
    .slice(0, 5)
    .map((s) => ({ ...s, name: s.storeId ? (storeName.get(s.storeId) ?? s.storeId) : 'No store (API)' }));

  return {
    cardsByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Record<string, number>,
    outstanding,
    sparkDays: days,
    flows,
    awaitingRelease: awaiting,
    topStores,
  };
}
