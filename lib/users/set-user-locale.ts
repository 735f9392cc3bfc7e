import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { SetUserLocaleInput } from './schemas';

/** A user chooses their own UI language (a profile setting: every role, for themselves only). */
export async function setUserLocale(actor: UserActor, input: SetUserLocaleInput): Promise<{ locale: string }> {
  const { count } = await getDb().user.updateMany({
    where: { id: actor.userId, accountId: actor.accountId },
    data: { locale: input.locale },
  });
  if (count === 0) throw new AppError('NOT_FOUND', 'User not found', undefined, userMessage('userNotFound'));
  return { locale: input.locale };
}
