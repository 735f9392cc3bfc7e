import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { FALLBACK_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';

/** The language a signed-in user sees: their own choice, else their account's default. */
export async function getUserLocale(actor: Pick<UserActor, 'userId' | 'accountId'>): Promise<Locale> {
  const user = await getDb().user.findFirst({
    where: { id: actor.userId, accountId: actor.accountId },
    select: { locale: true, account: { select: { defaultLocale: true } } },
  });
  if (isLocale(user?.locale)) return user.locale;
  return isLocale(user?.account.defaultLocale) ? user.account.defaultLocale : FALLBACK_LOCALE;
}
