import { cache } from 'react';
import { getLocale } from 'next-intl/server';
import { INTL_LOCALES, isLocale } from '@/lib/i18n/locales';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { optionalActor } from '@/lib/edge/session';
import { formatDateTime } from '@/lib/time/format';

/** The signed-in user's account time zone, read once per request. */
const accountTimeZone = cache(async (): Promise<string> => {
  const actor = await optionalActor();
  return actor ? (await getStorePolicy(actor)).timeZone : 'UTC';
});

/** A time on an HQ page, in the account's time zone like the counter's and the user's language (server components only). */
export async function When({ date }: { date: Date }) {
  const locale = await getLocale();
  return <time dateTime={date.toISOString()}>{formatDateTime(date, await accountTimeZone(), isLocale(locale) ? INTL_LOCALES[locale] : locale)}</time>;
}
