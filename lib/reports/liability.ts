/**
 * Report 1, liability as of T: what the chain owes card holders at T — the sum of every card's
 * balance as it stood at T (the signed sum of its ledger rows before T), per currency,
 * split by store of sale, by print run and by card type. For T = now it equals the sum of the
 * cards' balances; for a past T it never changes (rows are appended with the time of writing).
 */
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { liabilityPartsSql, snapshotBefore } from './liability-snapshots';
import { reportContext, type ReportContext } from './context';
import { resolveAsOf, type AsOfInput } from './schemas';

export interface LiabilityLine {
  currency: string;
  key: string | null;
  label: string;
  balance: bigint;
}

export interface LiabilityReport {
  asOf: Date;
  asOfLabel: string;
  totals: LiabilityLine[];
  byStore: LiabilityLine[];
  byBatch: LiabilityLine[];
  byType: LiabilityLine[];
}

interface Row {
  currency: string;
  dim: 'total' | 'store' | 'batch' | 'type';
  key: string | null;
  balance: bigint;
}

/**
 * Liability lines at `at`: the latest month-start snapshot at or before `at` plus the signed rows
 * since (liability-snapshots.ts) — the same sums as every card's running balance at `at`.
 */
export async function liabilityAt(accountId: string, at: Date): Promise<Row[]> {
  const snapAt = await snapshotBefore(accountId, at);
  return getDb().$queryRaw<Row[]>(Prisma.sql`
    WITH p AS (${liabilityPartsSql(accountId, at, snapAt)})
    SELECT p.currency,
           CASE WHEN GROUPING(p.sale_store_id) = 0 THEN 'store'
                WHEN GROUPING(p.batch_id) = 0 THEN 'batch'
                WHEN GROUPING(p.card_type) = 0 THEN 'type' ELSE 'total' END AS dim,
           COALESCE(p.sale_store_id::text, p.batch_id::text, p.card_type::text) AS key,
           sum(p.balance)::bigint AS balance
    FROM p
    GROUP BY GROUPING SETS ((p.currency), (p.currency, p.sale_store_id), (p.currency, p.batch_id), (p.currency, p.card_type))
    HAVING sum(p.balance) <> 0
    ORDER BY 1, 2, 3`);
}

/** The liability per currency only (opening/closing lines of the movements report, the journal check). */
export async function liabilityTotals(accountId: string, at: Date): Promise<Map<string, bigint>> {
  const snapAt = await snapshotBefore(accountId, at);
  const rows = await getDb().$queryRaw<{ currency: string; balance: bigint }[]>(Prisma.sql`
    WITH p AS (${liabilityPartsSql(accountId, at, snapAt)})
    SELECT p.currency, sum(p.balance)::bigint AS balance FROM p GROUP BY 1 HAVING sum(p.balance) <> 0 ORDER BY 1`);
  return new Map(rows.map((r) => [r.currency, r.balance]));
}

function label(ctx: ReportContext, dim: Row['dim'], key: string | null): string {
  if (dim === 'store') return ctx.storeName(key);
  if (dim === 'batch') return ctx.batchName(key);
  if (dim === 'type') return key === 'credit_note' ? 'Credit note' : 'Gift card';
  return 'Total';
}

/** HQ (reports:view). */
export async function getLiabilityReport(actor: UserActor, input: AsOfInput, now = new Date()): Promise<LiabilityReport> {
  const ctx = await reportContext(actor);
  const { at, label: asOfLabel } = resolveAsOf(input, ctx.timeZone, now);
  const rows = await liabilityAt(ctx.accountId, at);
  const lines = (dim: Row['dim']) =>
    rows.filter((r) => r.dim === dim).map((r) => ({ currency: r.currency, key: r.key, label: label(ctx, dim, r.key), balance: r.balance }));
  return { asOf: at, asOfLabel, totals: lines('total'), byStore: lines('store'), byBatch: lines('batch'), byType: lines('type') };
}
