import { getDb } from '@/lib/db/client';
import { sessionRules } from './base-config';

/**
 * Sign-out for stateless JWT sessions. Deleting the cookie alone is not enough: a request in
 * flight during sign-out (a prefetch, a second tab) can answer with the renewed cookie and bring
 * the session back. So sign-out also records the session's id, and every request that loads the
 * user (lib/auth/load-actor.ts) refuses a recorded one. Only this session ends; the same user's
 * sessions on other computers go on.
 */
export async function endSession(session: { userId: string; sessionId: string; loginAt: number }, maxSessionMs = sessionRules().maxSessionMs): Promise<void> {
  await getDb().endedSession.createMany({
    data: [{ sessionId: session.sessionId, userId: session.userId, expiresAt: new Date(session.loginAt + maxSessionMs) }],
    skipDuplicates: true,
  });
}

export async function isSessionEnded(sessionId: string): Promise<boolean> {
  return (await getDb().endedSession.count({ where: { sessionId } })) > 0;
}

/** Forgets ended sessions that their absolute lifetime would refuse anyway. */
export async function pruneEndedSessions(now = new Date()): Promise<number> {
  const { count } = await getDb().endedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
