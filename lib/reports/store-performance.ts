/**
 * Report 5, store performance for a period, per store of sale and currency: cards sold (sales
 * minus undone sales), value loaded (net of undone sales), and where that store's cards were
 * redeemed — at the store itself, at another store (a till's API client names its store), or
 * through the Wallet API with no store (a web shop). Also what the store redeemed of other
 * stores' cards. Cross-store redemption is what franchise settlement is about.
 */
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { dayCursor, movementPartsSql } from './day-totals';
import { reportContext } from './context';
import { resolvePeriod, type Period, type PeriodInput } from './schemas';

export interface StoreLine {
  storeId: string | null;
  store: string;
  currency: string;
  cardsSold: number;
  loaded: bigint;
  redeemedHere: bigint;
  redeemedElsewhere: bigint;
  redeemedNoStore: bigint;
  othersRedeemedHere: bigint;
}

export interface StorePerformanceReport {
  period: Period;
  lines: StoreLine[];
}

/** HQ (reports:view). */
export async function getStorePerformanceReport(actor: UserActor, input: PeriodInput, now = new Date()): Promise<StorePerformanceReport> {
  const ctx = await reportContext(actor);
  const period = resolvePeriod(input, ctx.timeZone, now);
  const through = await dayCursor(ctx.accountId);
  const rows = await getDb().$queryRaw<
    { store_id: string | null; currency: string; sold: bigint; loaded: bigint; here: bigint; elsewhere: bigint; no_store: bigint; others_here: bigint }[]
  >(Prisma.sql`
    WITH p AS (${movementPartsSql(ctx.accountId, ctx.timeZone, period.start, period.end, through)}),
    own AS (
      SELECT sale_store_id AS store_id, currency,
        COALESCE(sum(row_count) FILTER (WHERE category = 'sale' AND store_id IS NOT DISTINCT FROM sale_store_id), 0)
          - COALESCE(sum(row_count) FILTER (WHERE category = 'reversal'), 0) AS sold,
        COALESCE(sum(amount) FILTER (WHERE category IN ('sale', 'reversal')), 0) AS loaded,
        COALESCE(-sum(amount) FILTER (WHERE category = 'redemption' AND store_id = sale_store_id), 0) AS here,
        COALESCE(-sum(amount) FILTER (WHERE category = 'redemption' AND store_id IS NOT NULL AND store_id IS DISTINCT FROM sale_store_id), 0) AS elsewhere,
        COALESCE(-sum(amount) FILTER (WHERE category = 'redemption' AND store_id IS NULL), 0) AS no_store
      FROM p GROUP BY 1, 2
    ),
    visiting AS (
      SELECT store_id, currency, -sum(amount) AS others_here FROM p
      WHERE category = 'redemption' AND store_id IS NOT NULL AND store_id IS DISTINCT FROM sale_store_id
      GROUP BY 1, 2
    )
    SELECT COALESCE(own.store_id, visiting.store_id)::text AS store_id, COALESCE(own.currency, visiting.currency) AS currency,
           COALESCE(own.sold, 0)::bigint AS sold, COALESCE(own.loaded, 0)::bigint AS loaded, COALESCE(own.here, 0)::bigint AS here,
           COALESCE(own.elsewhere, 0)::bigint AS elsewhere, COALESCE(own.no_store, 0)::bigint AS no_store,
           COALESCE(visiting.others_here, 0)::bigint AS others_here
    FROM own FULL JOIN visiting ON visiting.store_id = own.store_id AND visiting.currency = own.currency
    ORDER BY 2, 4 DESC`);
  return {
    period,
    lines: rows.map((r) => ({
      storeId: r.store_id,
      store: ctx.storeName(r.store_id),
      currency: r.currency,
      cardsSold: Number(r.sold),
      loaded: r.loaded,
      redeemedHere: r.here,
      redeemedElsewhere: r.elsewhere,
      redeemedNoStore: r.no_store,
      othersRedeemedHere: r.others_here,
    })),
  };
}
