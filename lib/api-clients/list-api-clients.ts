import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/** API clients of the actor's account (with a till's store), without their secret hashes. HQ admins only. */
export async function listApiClients(actor: UserActor) {
  assertCan(actor, 'apiClients:manage');
  return getDb().apiClient.findMany({
    where: { accountId: actor.accountId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, clientId: true, name: true, scopes: true, createdAt: true, revokedAt: true, store: { select: { id: true, name: true } } },
  });
}
