import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/** Users of the actor's account, for the admin page. Never returns password hashes. */
export async function listUsers(actor: UserActor) {
  assertCan(actor, 'users:manage');
  return getDb().user.findMany({
    where: { accountId: actor.accountId },
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      isDisabled: true,
      lastLoginAt: true,
      store: { select: { id: true, name: true } },
    },
  });
}
