/**
 * The breakage estimate's inputs learned from the chain's "matured" cards (breakage.ts): the cards
 * sold and expired before a cut-off L, with their ledger rows before L. L is a month start, so the
 * month's snapshot job (liability-snapshots.ts) computes them once, from scratch, into
 * breakage_curve_snapshots / breakage_cohort_snapshots, and a report reads a few dozen rows
 * instead of every row of every expired card. The same SQL answers a cut-off without a stored
 * snapshot (the first hour of a month, or before the worker's first pass).
 *
 * The cards' dates (expires_at, activated_at) are read as they are when the figures are computed:
 * a stored cut-off keeps the cohort as it stood when its month was snapshotted (a later expiry
 * change or repeated sale of an already-matured card does not move a past month's curve; it moves
 * the next month's). Ledger rows before L never change.
 */
import type { DbTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { kindsOf, signedAmountSql } from './categories';

export const CURVE_MONTHS = 36;

export interface CurveRow {
  currency: string;
  month: number;
  loaded: bigint;
  redeemed: bigint;
}

export interface CohortRow {
  currency: string;
  cards: bigint;
  first_sale: Date;
  last_expiry: Date;
}

const saleKinds = () => [...kindsOf('sale'), ...kindsOf('reversal')];

/** The matured cohort before `cutoff`: per card currency, how many, their first sale and last expiry. */
export function cohortSql(accountId: string, cutoff: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT c.currency, count(*) AS cards, min(COALESCE(c.activated_at, c.created_at)) AS first_sale, max(c.expires_at) AS last_expiry
    FROM cards c
    WHERE c.account_id = ${accountId} AND c.expires_at < ${cutoff} AND COALESCE(c.activated_at, c.created_at) < ${cutoff} AND c.currency IS NOT NULL
    GROUP BY 1`;
}

/** One pass over the cohort's rows before `cutoff`: value loaded (net of undone sales) and redeemed per month since sale. */
export function curveSql(accountId: string, cutoff: Date): Prisma.Sql {
  const redemptionKinds = kindsOf('redemption');
  return Prisma.sql`
    SELECT t.currency,
           LEAST(${CURVE_MONTHS}, (extract(year FROM age(t.created_at, COALESCE(c.activated_at, c.created_at))) * 12
                 + extract(month FROM age(t.created_at, COALESCE(c.activated_at, c.created_at))))::int) AS month,
           COALESCE(sum(${signedAmountSql('t')}) FILTER (WHERE t.kind::text IN (${Prisma.join(saleKinds())})), 0)::bigint AS loaded,
           COALESCE(sum(t.amount) FILTER (WHERE t.kind::text IN (${Prisma.join(redemptionKinds)})), 0)::bigint AS redeemed
    FROM cards c JOIN card_transactions t ON t.card_pk = c.id AND t.created_at < ${cutoff}
    WHERE c.account_id = ${accountId} AND c.expires_at < ${cutoff} AND COALESCE(c.activated_at, c.created_at) < ${cutoff}
      AND t.account_id = ${accountId} AND t.kind = ANY(${[...saleKinds(), ...redemptionKinds]}::"LedgerKind"[])
    GROUP BY 1, 2`;
}

/** Writes the cut-off's cohort and curve (inside the boundary's snapshot transaction). */
export async function writeBreakageInputs(tx: DbTx, accountId: string, cutoff: Date): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO breakage_cohort_snapshots (account_id, at, currency, cards, first_sale, last_expiry)
    SELECT ${accountId}, ${cutoff}, m.currency, m.cards, m.first_sale, m.last_expiry FROM (${cohortSql(accountId, cutoff)}) m`);
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO breakage_curve_snapshots (account_id, at, currency, month, loaded, redeemed)
    SELECT ${accountId}, ${cutoff}, k.currency, k.month, k.loaded, k.redeemed FROM (${curveSql(accountId, cutoff)}) k`);
}

/** The cut-off's cohort and curve: stored (`stored`: its snapshot exists) or computed now. */
export async function breakageInputs(db: DbTx, accountId: string, cutoff: Date, stored: boolean): Promise<{ cohort: CohortRow[]; curve: CurveRow[] }> {
  if (stored) {
    const [cohort, curve] = await Promise.all([
      db.$queryRaw<CohortRow[]>`
        SELECT currency, cards::bigint AS cards, first_sale, last_expiry FROM breakage_cohort_snapshots
        WHERE account_id = ${accountId} AND at = ${cutoff}`,
      db.$queryRaw<CurveRow[]>`
        SELECT currency, month::int AS month, loaded, redeemed FROM breakage_curve_snapshots
        WHERE account_id = ${accountId} AND at = ${cutoff}`,
    ]);
    return { cohort, curve };
  }
  const [cohort, curve] = await Promise.all([db.$queryRaw<CohortRow[]>(cohortSql(accountId, cutoff)), db.$queryRaw<CurveRow[]>(curveSql(accountId, cutoff))]);
  return { cohort, curve };
}
