/**
 * Report 2, aging: the liability of report 1 at T, bucketed by time since each card's last ledger
 * row before T (any movement counts as activity, a reservation too) and by time to the card's
 * expiry. Both bucketings sum to the same total as report 1. Time to expiry uses the card's
 * expires_at as it is now (the date can be changed later; the buckets of a past T use today's date),
 * whether the card comes from a snapshot or not (as-of.ts re-reads the dates it may have changed).
 * The cards come from one snapshot scan and a month of rows; no join of every card to `cards`.
 */
import type { UserActor } from '@/lib/auth/actor';
import { Prisma } from '@/lib/generated/prisma/client';
import { cardStatesAtSql, queryWithoutJit } from './as-of';
import { reportContext } from './context';
import { snapshotBefore } from './liability-snapshots';
import { resolveAsOf, type AsOfInput } from './schemas';

export const ACTIVITY_BUCKETS = [
  { key: 'm0_6', label: '0–6 months' },
  { key: 'm6_12', label: '6–12 months' },
  { key: 'm12_24', label: '12–24 months' },
  { key: 'm24_plus', label: '24+ months' },
] as const;

export const EXPIRY_BUCKETS = [
  { key: 'expired', label: 'Expired, not yet booked off' },
  { key: 'e0_3', label: 'Expires in 0–3 months' },
  { key: 'e3_6', label: 'Expires in 3–6 months' },
  { key: 'e6_12', label: 'Expires in 6–12 months' },
  { key: 'e12_plus', label: 'Expires in 12+ months' },
  { key: 'never', label: 'Never expires' },
] as const;

export interface AgingLine {
  currency: string;
  bucket: string;
  label: string;
  balance: bigint;
  cards: number;
}

export interface AgingReport {
  asOf: Date;
  asOfLabel: string;
  byActivity: AgingLine[];
  byExpiry: AgingLine[];
  totals: { currency: string; balance: bigint }[];
}

/** HQ (reports:view). */
export async function getAgingReport(actor: UserActor, input: AsOfInput, now = new Date()): Promise<AgingReport> {
  const ctx = await reportContext(actor);
  const { at, label } = resolveAsOf(input, ctx.timeZone, now);
  const snapAt = await snapshotBefore(ctx.accountId, at, { cardStates: true });
  // Each bucket's sum and count as FILTER aggregates of one hashed pass per currency: grouping
  // every card by its buckets (or GROUPING SETS) would sort them all.
  const cells = [
    ...ACTIVITY_BUCKETS.map((b) => ({ dim: 'activity', key: b.key, column: 'activity' })),
    ...EXPIRY_BUCKETS.map((b) => ({ dim: 'expiry', key: b.key, column: 'expiry' })),
  ];
  const aggregates = Prisma.join(
    cells.map(
      // Column names from the constant bucket keys above, never from input.
      (
        cell,
      ) => Prisma.sql`COALESCE(sum(balance) FILTER (WHERE ${Prisma.raw(cell.column)} = ${cell.key}), 0)::bigint AS ${Prisma.raw(`"${cell.dim}:${cell.key}"`)},
        count(*) FILTER (WHERE ${Prisma.raw(cell.column)} = ${cell.key}) AS ${Prisma.raw(`"${cell.dim}:${cell.key}:cards"`)}`,
    ),
  );
  const perCurrency = await queryWithoutJit<Record<string, string | bigint>[]>(Prisma.sql`
    WITH s AS (${cardStatesAtSql(ctx.accountId, at, snapAt)}),
    -- Materialized: each card's buckets computed once, not once per aggregate below.
    b AS MATERIALIZED (
      SELECT s.currency, s.balance,
        CASE WHEN s.last_at >= ${at}::timestamptz - interval '6 months' THEN 'm0_6'
             WHEN s.last_at >= ${at}::timestamptz - interval '12 months' THEN 'm6_12'
             WHEN s.last_at >= ${at}::timestamptz - interval '24 months' THEN 'm12_24'
             ELSE 'm24_plus' END AS activity,
        CASE WHEN s.expires_at IS NULL THEN 'never'
             WHEN s.expires_at <= ${at}::timestamptz THEN 'expired'
             WHEN s.expires_at <= ${at}::timestamptz + interval '3 months' THEN 'e0_3'
             WHEN s.expires_at <= ${at}::timestamptz + interval '6 months' THEN 'e3_6'
             WHEN s.expires_at <= ${at}::timestamptz + interval '12 months' THEN 'e6_12'
             ELSE 'e12_plus' END AS expiry
      FROM s
      WHERE s.balance <> 0
    )
    SELECT currency, ${aggregates} FROM b GROUP BY currency ORDER BY 1`);
  const rows = perCurrency.flatMap((r) =>
    cells.map((cell) => ({
      currency: String(r.currency),
      dim: cell.dim,
      bucket: cell.key,
      balance: BigInt(r[`${cell.dim}:${cell.key}`]!),
      cards: BigInt(r[`${cell.dim}:${cell.key}:cards`]!),
    })),
  );
  const lines = (dim: string, buckets: readonly { key: string; label: string }[]) => {
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    return currencies.flatMap((currency) =>
      buckets.map((b) => {
        const row = rows.find((r) => r.currency === currency && r.dim === dim && r.bucket === b.key);
        return { currency, bucket: b.key, label: b.label, balance: row?.balance ?? BigInt(0), cards: Number(row?.cards ?? 0) };
      }),
    );
  };
  const byActivity = lines('activity', ACTIVITY_BUCKETS);
  const totals = [...new Set(byActivity.map((l) => l.currency))].map((currency) => ({
    currency,
    balance: byActivity.filter((l) => l.currency === currency).reduce((sum, l) => sum + l.balance, BigInt(0)),
  }));
  return { asOf: at, asOfLabel: label, byActivity, byExpiry: lines('expiry', EXPIRY_BUCKETS), totals };
}
