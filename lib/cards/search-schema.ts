/**
 * The inputs of HQ's card search (lib/cards/search-cards.ts), shared by the page (query string),
 * the form's server action and the tests. Two shapes of the same filters:
 * - the query string (`cardSearchQuerySchema`): everything that is not a secret, balances in minor
 *   units, so a search can be bookmarked — never `q`, which may be a scanned token;
 * - the form (`searchCardsSchema`): the same plus `q` and the keyset cursor, balances typed in major
 *   units and turned into minor units by the currency's exponent (lib/money/parse.ts), never floats.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { isCurrency, type Currency } from '@/lib/money/currencies';
import { parseMajorAmount } from '@/lib/money/parse';

export const CARD_SEARCH_STATUSES = ['inactive', 'unused', 'active', 'blocked'] as const;
export type CardSearchStatus = (typeof CARD_SEARCH_STATUSES)[number];
export const CARD_SORTS = ['created', 'card_id', 'activated', 'expires', 'balance'] as const;
export type CardSort = (typeof CARD_SORTS)[number];
export const CARD_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalUuid = (message: string) => z.preprocess(blankToUndefined, z.uuid({ message }).optional());
const optionalDay = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, validationText('dateLikeDec'))
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), validationText('notADate'))
    .optional(),
);
const optionalMinor = z.preprocess(
  blankToUndefined,
  z.coerce.number().int(validationText('wholeMinorUnits')).min(0, validationText('cannotBeNegative')).max(Number.MAX_SAFE_INTEGER).optional(),
);
const pageSize = z.preprocess(
  blankToUndefined,
  z.coerce
    .number()
    .refine((n) => (CARD_PAGE_SIZES as readonly number[]).includes(n), validationText('oneOf', { values: CARD_PAGE_SIZES.join(', ') }))
    .default(DEFAULT_PAGE_SIZE),
);

/** The non-secret filters, sort and page size: what may appear in the page's query string. */
const filterShape = {
  customer: optionalText(255),
  batch: optionalUuid(validationText('printRunUuid')),
  store: optionalUuid(validationText('chooseStore')),
  status: z.preprocess(blankToUndefined, z.enum(CARD_SEARCH_STATUSES).optional()),
  activated_from: optionalDay,
  activated_to: optionalDay,
  expires_from: optionalDay,
  expires_to: optionalDay,
  sort: z.preprocess(blankToUndefined, z.enum(CARD_SORTS).default('created')),
  dir: z.preprocess(blankToUndefined, z.enum(['asc', 'desc']).default('desc')),
  size: pageSize,
};

const rangeChecks = <
  T extends { activated_from?: string; activated_to?: string; expires_from?: string; expires_to?: string; balance_min?: number; balance_max?: number },
>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if (v.activated_from && v.activated_to && v.activated_from > v.activated_to)
    ctx.addIssue({ code: 'custom', path: ['activated_to'], message: validationText('beforeRangeStart') });
  if (v.expires_from && v.expires_to && v.expires_from > v.expires_to)
    ctx.addIssue({ code: 'custom', path: ['expires_to'], message: validationText('beforeRangeStart') });
  if (v.balance_min !== undefined && v.balance_max !== undefined && v.balance_min > v.balance_max) {
    ctx.addIssue({ code: 'custom', path: ['balance_max'], message: validationText('belowMinimum') });
  }
};

/** The page's query string (`?status=blocked&balance_min=10000&sort=balance&dir=desc`). */
export const cardSearchQuerySchema = z.object({ ...filterShape, balance_min: optionalMinor, balance_max: optionalMinor }).superRefine(rangeChecks);
export type CardSearchQuery = z.infer<typeof cardSearchQuerySchema>;

/** The shape of an amount typed in major units, checked with the other fields ("1 250,50"). */
const majorAmountText = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(30)
    .regex(/^\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?$/, validationText('amountLike'))
    .optional(),
);

/** A balance typed in major units ("100", "99,50") as minor units of the form's currency. */
function majorToMinor(field: 'balance_min' | 'balance_max') {
  return (v: { currency: Currency; balance_min?: string; balance_max?: string }, ctx: z.RefinementCtx): number | undefined => {
    const raw = v[field];
    if (raw === undefined) return undefined;
    const parsed = parseMajorAmount(raw, v.currency);
    if (parsed.ok) return parsed.minor;
    ctx.addIssue({ code: 'custom', path: [field], message: parsed.error });
    return undefined;
  };
}

/**
 * The search form (a POST to the server action, so `q` never lands in a URL): `q` is a card id or
 * its start, the last digits of the token, or a whole scanned token; `cursor` the keyset position
 * of the page to show (from the previous answer); `currency` the unit of the balance fields.
 */
export const searchCardsSchema = z
  .object({
    ...filterShape,
    q: optionalText(300),
    balance_min: majorAmountText,
    balance_max: majorAmountText,
    currency: z.preprocess(blankToUndefined, z.string().refine(isCurrency, validationText('unknownCurrency')).default('NOK')),
    cursor: optionalText(1000),
  })
  .transform((v, ctx) => {
    const currency = v.currency as Currency;
    const balance_min = majorToMinor('balance_min')({ ...v, currency }, ctx);
    const balance_max = majorToMinor('balance_max')({ ...v, currency }, ctx);
    const out = { ...v, currency, balance_min, balance_max };
    rangeChecks(out, ctx);
    return out;
  });
export type SearchCardsInput = z.output<typeof searchCardsSchema>;

/** The query string of a search's non-secret part (no `q`, no cursor): what the page puts in its URL. */
export function cardSearchQueryString(input: CardSearchQuery): string {
  const params = new URLSearchParams();
  const entries: [string, string | number | undefined][] = [
    ['customer', input.customer],
    ['batch', input.batch],
    ['store', input.store],
    ['status', input.status],
    ['activated_from', input.activated_from],
    ['activated_to', input.activated_to],
    ['expires_from', input.expires_from],
    ['expires_to', input.expires_to],
    ['balance_min', input.balance_min],
    ['balance_max', input.balance_max],
    ['sort', input.sort === 'created' ? undefined : input.sort],
    ['dir', input.dir === 'desc' ? undefined : input.dir],
    ['size', input.size === DEFAULT_PAGE_SIZE ? undefined : input.size],
  ];
  for (const [key, value] of entries) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}
