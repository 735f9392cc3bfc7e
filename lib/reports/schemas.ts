/**
 * Report inputs, from query strings (pages, CSV and PDF routes share them). Dates are calendar
 * days in the chain's time zone; "as of 2026-11-30" means at the end of that day.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { addDays, calendarDateOf, formatIsoDate, parseIsoDate, startOfDay, type CalendarDate } from '@/lib/time/zoned';

const isoDate = z
  .string()
  .trim()
  .refine((v) => parseIsoDate(v) !== null, validationText('dateLike'));
const optionalDate = z.preprocess((v) => (v === '' || v === null ? undefined : v), isoDate.optional());

export const asOfSchema = z.object({ asOf: optionalDate });
export const periodSchema = z.object({
  from: optionalDate,
  to: optionalDate,
  granularity: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['day', 'week', 'month']).default('day')),
  days: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : Number(v)),
    z.union([z.literal(30), z.literal(90), z.literal(365)]).optional(),
  ),
});
export const monthSchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, validationText('monthLike')) });

export type AsOfInput = z.infer<typeof asOfSchema>;
export type PeriodInput = z.infer<typeof periodSchema>;

/** A resolved period: [start, end) instants and the calendar days they cover (inclusive). */
export interface Period {
  start: Date;
  end: Date;
  fromDate: string;
  toDate: string;
}

/** The instant "as of" a calendar day means: the end of that day; no day → now. */
export function resolveAsOf(input: AsOfInput, timeZone: string, now = new Date()): { at: Date; label: string } {
  if (!input.asOf) return { at: now, label: `now (${now.toISOString()})` };
  const day = parseIsoDate(input.asOf)!;
  const at = startOfDay(addDays(day, 1), timeZone);
  return { at: at > now ? now : at, label: `end of ${formatIsoDate(day)}` };
}

/** from/to (inclusive days) or the last `days` days ending today; default the last 30 days. */
export function resolvePeriod(input: PeriodInput, timeZone: string, now = new Date()): Period {
  const today = calendarDateOf(now, timeZone);
  const to: CalendarDate = input.to ? parseIsoDate(input.to)! : today;
  const from: CalendarDate = input.from ? parseIsoDate(input.from)! : addDays(to, -((input.days ?? 30) - 1));
  const start = startOfDay(from, timeZone);
  let end = startOfDay(addDays(to, 1), timeZone);
  if (end > now) end = now;
  return { start, end: end < start ? start : end, fromDate: formatIsoDate(from), toDate: formatIsoDate(to) };
}

/** A calendar month [start, end) in the chain's time zone. */
export function monthPeriod(month: string, timeZone: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first: CalendarDate = { year: y, month: m, day: 1 };
  const next: CalendarDate = m === 12 ? { year: y + 1, month: 1, day: 1 } : { year: y, month: m + 1, day: 1 };
  return { start: startOfDay(first, timeZone), end: startOfDay(next, timeZone), fromDate: formatIsoDate(first), toDate: formatIsoDate(addDays(next, -1)) };
}
