import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/** Stores of the actor's account with their clerk counts. Any HQ role may read them. */
export async function listStores(actor: UserActor) {
  assertCan(actor, 'hq:view');
  return getDb().store.findMany({
    where: { accountId: actor.accountId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, currency: true, locale: true, isDisabled: true, _count: { select: { users: true } } },
  });
}
