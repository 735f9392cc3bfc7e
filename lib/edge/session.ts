/**
 * Server-side authorization for pages and server actions. Every page and every action calls one
 * of these; the proxy's redirects are only a convenience.
 */
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { UserActor } from '@/lib/auth/actor';
import { auth } from '@/lib/auth/config';
import { loadUserActor } from '@/lib/auth/load-actor';
import { can, homePathFor, type Permission } from '@/lib/auth/permissions';

async function currentActor(): Promise<UserActor | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return loadUserActor(session.user.id, session.user.sessionId || undefined);
}

/**
 * For pages and layouts: the signed-in user with `permission`. Signed-out users go to the login
 * page; signed-in users without the permission go to the access-denied page.
 */
export async function requirePageActor(permission: Permission, returnTo?: string): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) {
    redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
  }
  if (!can(actor.role, permission)) redirect('/denied');
  return actor;
}

/** For server actions and route handlers: throws AppError instead of redirecting. */
export async function requireActor(permission: Permission): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.', undefined, userMessage('sessionEnded'));
  if (!can(actor.role, permission)) throw new AppError('FORBIDDEN', 'You do not have permission to do that.', undefined, userMessage('forbidden'));
  return actor;
}

/** The signed-in user or null, for pages any signed-in user may see. */
export async function optionalActor(): Promise<UserActor | null> {
  return currentActor();
}

export { homePathFor };
