/**
 * The one formatting module for dates and times people read: the UI, receipts and clerk-facing
 * messages, always in the account's time zone (UTC appears only in exports and the API, labelled).
 * `locale` is the user's language; every caller formats through here, so a date reads the same
 * on the confirmation, the receipt and HQ's pages.
 */
export const DEFAULT_LOCALE = 'en-GB';

const cache = new Map<string, Intl.DateTimeFormat>();

type Style = 'dateTime' | 'date' | 'time';

function formatter(timeZone: string, style: Style, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : style === 'date' ? { dateStyle: 'medium' } : { timeStyle: 'short' };
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** "23 Nov 2026, 14:05" */
export function formatDateTime(value: Date | string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter(timeZone, 'dateTime', locale).format(new Date(value));
}

/** "23 Nov 2026" */
export function formatDate(value: Date | string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter(timeZone, 'date', locale).format(new Date(value));
}

/** "14:05" */
export function formatTime(value: Date | string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter(timeZone, 'time', locale).format(new Date(value));
}

/**
 * A calendar date typed as YYYY-MM-DD (an expiry field), in the same style as `formatDate`: a
 * calendar date has no time zone, so it is formatted as that day in UTC. "2029-12-01" → "1 Dec 2029".
 */
export function formatCalendarDate(isoDate: string, locale = DEFAULT_LOCALE): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return formatter('UTC', 'date', locale).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** The last valid day of a card whose `expiresAt` is the instant it stops working (the next day's start). */
export function formatValidThrough(expiresAt: Date | string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatDate(new Date(new Date(expiresAt).getTime() - 1), timeZone, locale);
}
