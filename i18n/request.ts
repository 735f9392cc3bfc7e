/**
 * next-intl's per-request configuration (no locale in the URL): a signed-in user's language is
 * their profile setting, else their account's default (lib/users/get-user-locale.ts); signed-out
 * pages (the login page) follow the browser's Accept-Language.
 */
import { headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { optionalActor } from '@/lib/edge/session';
import { negotiateLocale, type Locale } from '@/lib/i18n/locales';
import { missingMessage } from '@/lib/i18n/missing';
import { getUserLocale } from '@/lib/users/get-user-locale';

const CATALOGUES: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  nb: () => import('../messages/nb.json'),
  en: () => import('../messages/en.json'),
};

export default getRequestConfig(async () => {
  const actor = await optionalActor().catch(() => null);
  const locale = actor ? await getUserLocale(actor) : negotiateLocale((await headers()).get('accept-language'));
  return { locale, messages: (await CATALOGUES[locale]()).default, getMessageFallback: missingMessage };
});
