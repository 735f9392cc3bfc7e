import { getDb } from '@/lib/db/client';
import type { UserActor } from './actor';
import { isSessionEnded } from './ended-sessions';
import { isRole } from './permissions';

/**
 * The user behind a session, as the database says now. Null when the user no longer exists, is
 * disabled, or is a clerk whose store is disabled — any of which ends their access immediately —
 * or when the session `sessionId` has signed out (its cookie may come back, see ended-sessions.ts).
 */
export async function loadUserActor(userId: string, sessionId?: string): Promise<UserActor | null> {
  const [user, ended] = await Promise.all([
    getDb().user.findUnique({ where: { id: userId }, include: { account: true, store: true } }),
    sessionId === undefined ? false : isSessionEnded(sessionId),
  ]);
  if (!user || ended || user.isDisabled || !isRole(user.role)) return null;
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
