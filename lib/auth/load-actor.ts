import { getDb } from '@/lib/db/client';
import type { UserActor } from './actor';
import { isRole } from './permissions';

/**
 * The user behind a session, as the database says now. Null when the user no longer exists, is
 * disabled, or is a clerk whose store is disabled — any of which ends their access immediately.
 */
export async function loadUserActor(userId: string): Promise<UserActor | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    include: { account: true, store: true },
  });
  if (!user || user.isDisabled || !isRole(user.role)) return null;
  if (user.role === 'CLERK' && (!user.store || user.store.isDisabled)) return null;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    accountId: user.accountId,
    accountName: user.account.name,
    storeId: user.storeId,
    storeName: user.store?.name ?? null,
  };
}
