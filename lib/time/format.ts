/** Dates and times for people, in the chain's time zone (UI and clerk-facing messages). */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeZone });
    cache.set(key, f);
  }
  return f;
}

/** "23 Nov 2026, 14:05" */
export function formatDateTime(value: Date | string, timeZone: string): string {
  return formatter(timeZone, true).format(new Date(value));
}

/** "23 Nov 2026" */
export function formatDate(value: Date | string, timeZone: string): string {
  return formatter(timeZone, false).format(new Date(value));
}
