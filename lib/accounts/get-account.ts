import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/** The signed-in user's own account (every role may read its name and default currency). */
export async function getAccount(actor: UserActor) {
  return getDb().account.findUniqueOrThrow({
    where: { id: actor.accountId },
    select: { id: true, name: true, defaultCurrency: true },
  });
}
