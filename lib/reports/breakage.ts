/**
 * Report 4, breakage: value the chain keeps because nobody will redeem it.
 *
 * Realised, in [start, end): the balances booked off by EXPIRY rows (the expiry job books a
 * card's available balance off once its expires_at has passed — lib/cards/expire-card-balances.ts)
 * and WRITE_OFF rows (a card deleted with its balance). Both are ledger rows, so realised breakage
 * is a plain sum over the period, stable like every other figure.
 *
 * Estimated (IFRS 15 B46, proportional method), for the open liability at the end of the period T,
 * learned from the chain's own cards whose life is over: cards sold and expired before L, the
 * latest month start at or before T ("matured"), with their ledger rows before L. A method choice:
 * the curve moves once a month, not with every card that expires during it, so the month's
 * snapshot job computes it once (breakage-curve.ts: the cohort as its dates stood then) and the
 * report reads a few dozen rows; before that snapshot is written (the first hour of a month) the
 * report computes the same figures itself. The report states L (learnedBefore). From them, per
 * currency:
 *   C(k) = value redeemed within k months of sale / value loaded (the redemption curve, k = 0…36),
 *   r    = 1 − all value they ever redeemed / value loaded (the breakage rate).
 * Of the value still on a card k months after its sale, the share never redeemed is
 * p(k) = r / (1 − C(k)) (capped at 1). The expected breakage in the open liability is
 * Σ over open cards of balance × p(age). Under B46 breakage is recognised as redemptions happen:
 * for each unit redeemed, r / (1 − r) of breakage — the period's figure is that times the period's
 * redemptions. With fewer than MIN_MATURED_CARDS matured cards, or a history shorter than
 * MIN_HISTORY_MONTHS, no estimate is made and the report says why. The open balances at T and
 * each open card's age come from the per-card states of as-of.ts (a snapshot scan, no join of
 * every card to `cards`).
 */
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { calendarDateOf, startOfDay } from '@/lib/time/zoned';
import { cardStatesAtSql, queryWithoutJit } from './as-of';
import { breakageInputs, CURVE_MONTHS } from './breakage-curve';
import { kindsOf } from './categories';
import { reportContext } from './context';
import { snapshotBefore } from './liability-snapshots';
import { resolvePeriod, type Period, type PeriodInput } from './schemas';

export const MIN_MATURED_CARDS = 30;
export const MIN_HISTORY_MONTHS = 12;
export { CURVE_MONTHS };

export interface BreakageEstimate {
  currency: string;
  /** Why there is no estimate, or null when there is one. */
  refusal: string | null;
  maturedCards: number;
  learnedFrom: string | null;
  learnedTo: string | null;
  loaded: bigint;
  redeemed: bigint;
  /** Breakage rate r, as a fraction. */
  rate: number | null;
  curve: { month: number; redeemedShare: number }[];
  openLiability: bigint;
  expectedBreakage: bigint | null;
  periodRedemptions: bigint;
  recognisableInPeriod: bigint | null;
}

export interface BreakageReport {
  period: Period;
  /** L: the estimate learns from cards sold and expired before this instant (a month start). */
  learnedBefore: Date;
  realised: { currency: string; expired: bigint; writtenOff: bigint; cards: number }[];
  estimates: BreakageEstimate[];
}

const ZERO = BigInt(0);

function scaled(amount: bigint, fraction: number): bigint {
  // Fractions in millionths keep the arithmetic in BigInt: no float money.
  return (amount * BigInt(Math.round(fraction * 1_000_000))) / BigInt(1_000_000);
}

/**
 * `t.kind` is one of `kinds`, compared as the enum (not as text) so the (account_id, kind,
 * created_at) index serves a period's rows of those kinds instead of a scan of the ledger.
 */
function kindIn(kinds: string[]): Prisma.Sql {
  return Prisma.sql`t.kind = ANY(${kinds}::"LedgerKind"[])`;
}

/** HQ (reports:view). */
export async function getBreakageReport(actor: UserActor, input: PeriodInput, now = new Date()): Promise<BreakageReport> {
  const ctx = await reportContext(actor);
  const period = resolvePeriod(input, ctx.timeZone, now);
  const db = getDb();
  const T = period.end;
  const redemptionKinds = kindsOf('redemption');
  const snapAt = await snapshotBefore(ctx.accountId, T, { cardStates: true });
  const today = calendarDateOf(T, ctx.timeZone);
  const cutoff = startOfDay({ year: today.year, month: today.month, day: 1 }, ctx.timeZone);
  const stored = (await db.liabilitySnapshotRun.count({ where: { accountId: ctx.accountId, at: cutoff } })) > 0;

  const [realised, inputs, open, periodRedemptions] = await Promise.all([
    db.$queryRaw<{ currency: string; expired: bigint; written_off: bigint; cards: bigint }[]>(Prisma.sql`
      SELECT t.currency,
             COALESCE(sum(t.amount) FILTER (WHERE t.kind::text IN (${Prisma.join(kindsOf('expiry'))})), 0)::bigint AS expired,
             COALESCE(sum(t.amount) FILTER (WHERE t.kind::text IN (${Prisma.join(kindsOf('write_off'))})), 0)::bigint AS written_off,
             count(DISTINCT t.card_pk) AS cards
      FROM card_transactions t
      WHERE t.account_id = ${ctx.accountId} AND t.created_at >= ${period.start} AND t.created_at < ${T}
        AND ${kindIn([...kindsOf('expiry'), ...kindsOf('write_off')])}
      GROUP BY 1 ORDER BY 1`),
    // The matured cohort (how many, the span of their sales and expiries) and its redemption curve.
    breakageInputs(db, ctx.accountId, cutoff, stored),
    queryWithoutJit<{ currency: string; month: number; balance: bigint }[]>(Prisma.sql`
      WITH s AS (${cardStatesAtSql(ctx.accountId, T, snapAt)})
      SELECT s.currency,
             LEAST(${CURVE_MONTHS}, (extract(year FROM age(${T}::timestamptz, s.sold_at)) * 12
                   + extract(month FROM age(${T}::timestamptz, s.sold_at)))::int) AS month,
             sum(s.balance)::bigint AS balance
      FROM s WHERE s.balance <> 0 GROUP BY 1, 2`),
    db.$queryRaw<{ currency: string; redeemed: bigint }[]>(Prisma.sql`
      SELECT t.currency, sum(t.amount)::bigint AS redeemed FROM card_transactions t
      WHERE t.account_id = ${ctx.accountId} AND t.created_at >= ${period.start} AND t.created_at < ${T}
        AND ${kindIn(redemptionKinds)}
      GROUP BY 1`),
  ]);
  const matured = [...inputs.cohort].sort((a, b) => a.currency.localeCompare(b.currency));
  const curveRows = [...inputs.curve].sort((a, b) => a.currency.localeCompare(b.currency) || a.month - b.month);

  const currencies = [...new Set([...matured.map((m) => m.currency), ...open.map((o) => o.currency)])].sort();
  const estimates = currencies.map((currency): BreakageEstimate => {
    const m = matured.find((x) => x.currency === currency);
    const cohort = curveRows.filter((c) => c.currency === currency);
    const sumOf = (pick: (c: (typeof cohort)[number]) => bigint) => cohort.reduce((a, c) => a + pick(c), ZERO);
    const openRows = open.filter((o) => o.currency === currency);
    const openLiability = openRows.reduce((a, o) => a + o.balance, ZERO);
    const redeemedInPeriod = periodRedemptions.find((p) => p.currency === currency)?.redeemed ?? ZERO;
    const base = {
      currency,
      maturedCards: Number(m?.cards ?? 0),
      learnedFrom: m ? m.first_sale.toISOString().slice(0, 10) : null,
      learnedTo: m ? m.last_expiry.toISOString().slice(0, 10) : null,
      loaded: sumOf((c) => c.loaded),
      redeemed: sumOf((c) => c.redeemed),
      openLiability,
      periodRedemptions: redeemedInPeriod,
    };
    const historyMonths = m ? (T.getTime() - m.first_sale.getTime()) / (30.44 * 86_400_000) : 0;
    let refusal: string | null = null;
    if (!m || base.maturedCards < MIN_MATURED_CARDS) {
      refusal = `Too little history: ${base.maturedCards} sold card(s) in ${currency} have reached their expiry date; the estimate needs at least ${MIN_MATURED_CARDS}.`;
    } else if (historyMonths < MIN_HISTORY_MONTHS) {
      refusal = `Too little history: the oldest expired ${currency} card was sold ${Math.floor(historyMonths)} month(s) ago; the estimate needs ${MIN_HISTORY_MONTHS} months of redemptions.`;
    } else if (base.loaded <= ZERO) {
      refusal = `The expired ${currency} cards carried no loaded value to learn from.`;
    }
    if (refusal) return { ...base, refusal, rate: null, curve: [], expectedBreakage: null, recognisableInPeriod: null };

    const loaded = Number(base.loaded);
    const byMonth = new Map(cohort.map((c) => [c.month, Number(c.redeemed)]));
    const curve: { month: number; redeemedShare: number }[] = [];
    let cumulative = 0;
    for (let k = 0; k <= CURVE_MONTHS; k++) {
      cumulative += byMonth.get(k) ?? 0;
      curve.push({ month: k, redeemedShare: cumulative / loaded });
    }
    const rate = Math.max(0, 1 - Number(base.redeemed) / loaded);
    let expected = ZERO;
    for (const o of openRows) {
      // The curve before month k: what had been redeemed by the time a card was k months old.
      const before = o.month === 0 ? 0 : curve[o.month - 1]!.redeemedShare;
      const share = before >= 1 ? 1 : Math.min(1, rate / (1 - before));
      expected += scaled(o.balance, share);
    }
    const recognisable = rate >= 1 ? null : scaled(redeemedInPeriod, rate / (1 - rate));
    return { ...base, refusal: null, rate, curve, expectedBreakage: expected, recognisableInPeriod: recognisable };
  });

  return {
    period,
    learnedBefore: cutoff,
    realised: realised.map((r) => ({ currency: r.currency, expired: r.expired, writtenOff: r.written_off, cards: Number(r.cards) })),
    estimates,
  };
}
