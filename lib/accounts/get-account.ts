import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { FALLBACK_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';

/** The signed-in user's own account (every role may read its name and default currency). */
export async function getAccount(actor: UserActor) {
  return getDb().account.findUniqueOrThrow({
    where: { id: actor.accountId },
    select: { id: true, name: true, defaultCurrency: true, defaultLocale: true },
  });
}

/** The account's default UI language (new users, and stores without a receipt language). */
export async function accountDefaultLocale(actor: UserActor): Promise<Locale> {
  const { defaultLocale } = await getAccount(actor);
  return isLocale(defaultLocale) ? defaultLocale : FALLBACK_LOCALE;
}
