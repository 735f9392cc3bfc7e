import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/** Headline numbers for the HQ dashboard: cards per status and outstanding balance per currency. */
export async function getDashboardSummary(actor: UserActor) {
  assertCan(actor, 'hq:view');
  const db = getDb();
  const [byStatus, balances, storeCount] = await Promise.all([
    db.card.groupBy({ by: ['status'], where: { accountId: actor.accountId }, _count: { _all: true } }),
    db.card.groupBy({
      by: ['currency'],
      where: { accountId: actor.accountId, currency: { not: null }, balance: { gt: 0 } },
      _sum: { balance: true },
    }),
    db.store.count({ where: { accountId: actor.accountId, isDisabled: false } }),
  ]);
  return {
    cardsByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Record<string, number>,
    outstanding: balances.map((row) => ({ currency: row.currency ?? '', amountMinor: row._sum.balance ?? BigInt(0) })),
    storeCount,
  };
}
