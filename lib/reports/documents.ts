/**
 * Each report as a document: titled tables of plain strings (amounts as exact decimals with their
 * currency), the one shape the page's tables, the CSV and the PDF are all made from — so the
 * three always show the same figures. Also the chart series the page draws.
 */
import type { UserActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { getAgingReport } from './aging';
import { getBreakageReport } from './breakage';
import { CATEGORIES, CATEGORY_LABELS } from './categories';
import { toDecimal } from './decimal';
import { getLiabilityReport } from './liability';
import { dailySeries, getMovementsReport } from './movements';
import { asOfSchema, periodSchema } from './schemas';
import { getStorePerformanceReport } from './store-performance';

export const REPORTS = {
  liability: { title: 'Liability', description: 'What the chain owes card holders at a point in time, per currency.' },
  aging: { title: 'Aging', description: 'The liability by time since each card was last used and by time to expiry.' },
  movements: { title: 'Movements', description: 'Sales, redemptions, expiries and the rest for a period, reconciled opening to closing.' },
  breakage: { title: 'Breakage', description: 'Value booked off expired and deleted cards, and the IFRS 15 estimate for the open liability.' },
  stores: { title: 'Store performance', description: 'Per store: cards sold, value loaded, and where its cards were redeemed.' },
} as const;
export type ReportName = keyof typeof REPORTS;

export function isReportName(value: string): value is ReportName {
  return Object.hasOwn(REPORTS, value);
}

export interface ReportTable {
  title: string;
  columns: string[];
  /** Indexes of columns holding amounts or counts (right-aligned). */
  numeric: number[];
  rows: string[][];
}

export interface BarSeries {
  currency: string;
  label: string;
  bars: { label: string; value: number; text: string }[];
}

export interface DailySeries {
  currency: string;
  days: { day: string; sales: number; redemptions: number }[];
}

export interface ReportDocument {
  name: ReportName;
  title: string;
  subtitle: string;
  notes: string[];
  tables: ReportTable[];
  bars: BarSeries[];
  daily: DailySeries[];
}

type Params = Record<string, string | undefined>;

function parse<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  params: Params,
): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
    throw new AppError('INVALID_INPUT', 'Check the report options.', { fieldErrors }, userMessage('checkReportOptions'));
  }
  return parsed.data;
}

const money = (minor: bigint, currency: string) => toDecimal(minor, currency);

/** HQ (reports:view): the report `name` with the page's query parameters. */
export async function buildReportDocument(actor: UserActor, name: ReportName, params: Params, now = new Date()): Promise<ReportDocument> {
  const base = { name, title: REPORTS[name].title };
  switch (name) {
    case 'liability': {
      const r = await getLiabilityReport(actor, parse(asOfSchema, params), now);
      const dim = (title: string, lines: typeof r.byStore) => ({
        title,
        columns: ['Currency', title.replace('By ', ''), 'Liability'],
        numeric: [2],
        rows: lines.map((l) => [l.currency, l.label, money(l.balance, l.currency)]),
      });
      return {
        ...base,
        subtitle: `As of ${r.asOfLabel}`,
        notes: ['Each card counts with its balance as it stood at that time (the sum of its ledger rows before it); currencies are never added together.'],
        tables: [
          {
            title: 'Total per currency',
            columns: ['Currency', 'Liability'],
            numeric: [1],
            rows: r.totals.map((l) => [l.currency, money(l.balance, l.currency)]),
          },
          dim('By store of sale', r.byStore),
          dim('By print run', r.byBatch),
          dim('By card type', r.byType),
        ],
        bars: r.totals.map((t) => ({
          currency: t.currency,
          label: `Liability by store of sale, ${t.currency}`,
          bars: r.byStore
            .filter((l) => l.currency === t.currency)
            .map((l) => ({ label: l.label, value: Number(l.balance), text: money(l.balance, l.currency) })),
        })),
        daily: [],
      };
    }
    case 'aging': {
      const r = await getAgingReport(actor, parse(asOfSchema, params), now);
      const table = (title: string, column: string, lines: typeof r.byActivity) => ({
        title,
        columns: ['Currency', column, 'Cards', 'Liability'],
        numeric: [2, 3],
        rows: lines.map((l) => [l.currency, l.label, String(l.cards), money(l.balance, l.currency)]),
      });
      return {
        ...base,
        subtitle: `As of ${r.asOfLabel}`,
        notes: [
          'Both tables sum to the liability at that time. Activity: any ledger row (sale, redemption, reservation).',
          'Time to expiry uses each card’s current expiry date. “Expired, not yet booked off”: the expiry job books such balances off within minutes.',
        ],
        tables: [table('By time since last transaction', 'Last transaction', r.byActivity), table('By time to expiry', 'Expiry', r.byExpiry)],
        bars: r.totals.map((t) => ({
          currency: t.currency,
          label: `Liability by time since last transaction, ${t.currency}`,
          bars: r.byActivity
            .filter((l) => l.currency === t.currency)
            .map((l) => ({ label: l.label, value: Number(l.balance), text: money(l.balance, l.currency) })),
        })),
        daily: [],
      };
    }
    case 'movements': {
      const input = parse(periodSchema, params);
      const r = await getMovementsReport(actor, input, now);
      const currencies = r.reconciliation.map((x) => x.currency);
      return {
        ...base,
        subtitle: `${r.period.fromDate} to ${r.period.toDate}, per ${r.granularity}`,
        notes: [
          'Signed: + raises the liability, − lowers it. Stores are the stores of sale (the API has no store).',
          'Refunds and manual adjustments come with HQ card controls (issue 12); until then their columns are zero.',
        ],
        tables: [
          {
            title: 'Reconciliation',
            columns: ['Currency', 'Opening liability', ...CATEGORIES.map((c) => CATEGORY_LABELS[c]), 'Closing liability', 'Difference'],
            numeric: Array.from({ length: CATEGORIES.length + 3 }, (_, i) => i + 1),
            rows: r.reconciliation.map((x) => [
              x.currency,
              money(x.opening, x.currency),
              ...CATEGORIES.map((c) => money(x.byCategory[c], x.currency)),
              money(x.closing, x.currency),
              money(x.difference, x.currency),
            ]),
          },
          {
            title: 'Movements',
            columns: [
              r.granularity === 'day' ? 'Day' : r.granularity === 'week' ? 'Week of' : 'Month',
              'Currency',
              'Store of sale',
              'Movement',
              'Rows',
              'Amount',
            ],
            numeric: [4, 5],
            rows: r.rows.map((m) => [m.bucket, m.currency, m.store, CATEGORY_LABELS[m.category], String(m.count), money(m.amount, m.currency)]),
          },
        ],
        bars: [],
        daily:
          input.granularity === 'day'
            ? currencies.map((currency) => ({
                currency,
                days: dailySeries(r, currency).map((d) => ({ day: d.day, sales: Number(d.sales), redemptions: Number(d.redemptions) })),
              }))
            : [],
      };
    }
    case 'breakage': {
      const r = await getBreakageReport(actor, parse(periodSchema, params), now);
      const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(2)} %`);
      return {
        ...base,
        subtitle: `${r.period.fromDate} to ${r.period.toDate}`,
        notes: [
          'Realised: balances booked off cards that expired (EXPIRY rows) or were deleted with their balance (WRITE_OFF rows) in the period.',
          `Estimate (IFRS 15 B46, proportional method): learned from the chain’s cards sold and expired before ${r.learnedBefore.toISOString()} (the latest month start at or before the period’s end; the curve moves once a month), with their ledger rows before it. Breakage rate r = 1 − redeemed ÷ loaded; of the value left on a card k months after sale, r ÷ (1 − C(k)) is expected never to be redeemed, C being the share redeemed by month k. Breakage to recognise with the period’s redemptions: r ÷ (1 − r) × redemptions.`,
        ],
        tables: [
          {
            title: 'Realised breakage',
            columns: ['Currency', 'Cards', 'Expired', 'Written off', 'Total'],
            numeric: [1, 2, 3, 4],
            rows: r.realised.map((x) => [
              x.currency,
              String(x.cards),
              money(x.expired, x.currency),
              money(x.writtenOff, x.currency),
              money(x.expired + x.writtenOff, x.currency),
            ]),
          },
          {
            title: 'Estimate for the open liability',
            columns: [
              'Currency',
              'Learned from (sales)',
              'to (expiries)',
              'Expired cards',
              'Loaded',
              'Redeemed',
              'Breakage rate',
              'Open liability',
              'Expected breakage',
              'Redemptions in period',
              'Breakage to recognise',
              'Why no estimate',
            ],
            numeric: [3, 4, 5, 6, 7, 8, 9, 10],
            rows: r.estimates.map((e) => [
              e.currency,
              e.learnedFrom ?? '',
              e.learnedTo ?? '',
              String(e.maturedCards),
              money(e.loaded, e.currency),
              money(e.redeemed, e.currency),
              pct(e.rate),
              money(e.openLiability, e.currency),
              e.expectedBreakage === null ? '' : money(e.expectedBreakage, e.currency),
              money(e.periodRedemptions, e.currency),
              e.recognisableInPeriod === null ? '' : money(e.recognisableInPeriod, e.currency),
              e.refusal ?? '',
            ]),
          },
          ...r.estimates
            .filter((e) => e.curve.length > 0)
            .map((e) => ({
              title: `Redemption curve, ${e.currency}`,
              columns: ['Months since sale', 'Share of loaded value redeemed'],
              numeric: [0, 1],
              rows: e.curve.map((p) => [String(p.month), pct(p.redeemedShare)]),
            })),
        ],
        bars: r.realised.map((x) => ({
          currency: x.currency,
          label: `Realised breakage, ${x.currency}`,
          bars: [
            { label: 'Expired', value: Number(x.expired), text: money(x.expired, x.currency) },
            { label: 'Written off', value: Number(x.writtenOff), text: money(x.writtenOff, x.currency) },
          ],
        })),
        daily: [],
      };
    }
    case 'stores': {
      const r = await getStorePerformanceReport(actor, parse(periodSchema, params), now);
      const currencies = [...new Set(r.lines.map((l) => l.currency))];
      return {
        ...base,
        subtitle: `${r.period.fromDate} to ${r.period.toDate}`,
        notes: [
          'Redemptions come through the Wallet API, whose clients are not tied to a store yet: they show as “no store (API)” until tills identify their store.',
        ],
        tables: [
          {
            title: 'Stores',
            columns: [
              'Store',
              'Currency',
              'Cards sold',
              'Value loaded',
              'Its cards redeemed here',
              'Its cards redeemed at other stores',
              'Its cards redeemed via the API (no store)',
              'Other stores’ cards redeemed here',
            ],
            numeric: [2, 3, 4, 5, 6, 7],
            rows: r.lines.map((l) => [
              l.store,
              l.currency,
              String(l.cardsSold),
              money(l.loaded, l.currency),
              money(l.redeemedHere, l.currency),
              money(l.redeemedElsewhere, l.currency),
              money(l.redeemedNoStore, l.currency),
              money(l.othersRedeemedHere, l.currency),
            ]),
          },
        ],
        bars: currencies.map((currency) => ({
          currency,
          label: `Value loaded per store, ${currency}`,
          bars: r.lines.filter((l) => l.currency === currency).map((l) => ({ label: l.store, value: Number(l.loaded), text: money(l.loaded, l.currency) })),
        })),
        daily: [],
      };
    }
  }
}
