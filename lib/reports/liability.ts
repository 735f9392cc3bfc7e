/**
 * Report 1, liability as of T: what the chain owes card holders at T — the sum of every card's
 * balance as it stood at T (its running balance on its last ledger row before T), per currency,
 * split by store of sale, by print run and by card type. For T = now it equals the sum of the
 * cards' balances; for a past T it never changes (rows are appended with the time of writing).
 */
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { cardStatesAtSql } from './as-of';
import { reportContext, type ReportContext } from './context';
import { resolveAsOf, type AsOfInput } from './schemas';

export interface LiabilityLine {
  currency: string;
  key: string | null;
  label: string;
  balance: bigint;
  cards: number;
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
  cards: bigint;
}

/** Liability per currency at `at`, as raw lines; also used by movements and the journal checks. */
export async function liabilityAt(accountId: string, at: Date) {
  const rows = await getDb().$queryRaw<Row[]>(Prisma.sql`
    WITH s AS (${cardStatesAtSql(accountId, at)})
    SELECT s.currency,
           CASE WHEN GROUPING(s.sale_store_id) = 0 THEN 'store'
                WHEN GROUPING(c.batch_id) = 0 THEN 'batch'
                WHEN GROUPING(c.type) = 0 THEN 'type' ELSE 'total' END AS dim,
           COALESCE(s.sale_store_id::text, c.batch_id::text, c.type::text) AS key,
           sum(s.balance)::bigint AS balance, count(*) AS cards
    FROM s JOIN cards c ON c.id = s.card_pk
    WHERE s.balance <> 0
    GROUP BY GROUPING SETS ((s.currency), (s.currency, s.sale_store_id), (s.currency, c.batch_id), (s.currency, c.type))
    ORDER BY 1, 2, 3`);
  return rows.map((r) => ({ ...r, cards: Number(r.cards) }));
}

/** The liability per currency only (opening/closing lines of the movements report, the journal check). */
export async function liabilityTotals(accountId: string, at: Date): Promise<Map<string, bigint>> {
  const rows = await getDb().$queryRaw<{ currency: string; balance: bigint }[]>(Prisma.sql`
    WITH s AS (${cardStatesAtSql(accountId, at)})
    SELECT s.currency, sum(s.balance)::bigint AS balance FROM s WHERE s.balance <> 0 GROUP BY 1 ORDER BY 1`);
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
    rows
      .filter((r) => r.dim === dim)
      .map((r) => ({ currency: r.currency, key: r.key, label: label(ctx, dim, r.key), balance: r.balance, cards: r.cards }));
  return { asOf: at, asOfLabel, totals: lines('total'), byStore: lines('store'), byBatch: lines('batch'), byType: lines('type') };
}
