'use server';
import { auth, signOut } from '@/lib/auth/config';
import { endSession } from '@/lib/auth/ended-sessions';
import { navigationAction } from '@/lib/edge/form-action';

/** Ends the session server-side too (lib/auth/ended-sessions.ts), then back to the login page. */
export const signOutAction = navigationAction('signOut', async () => {
  const session = await auth();
  if (session?.user?.id && session.user.sessionId) {
    await endSession({ userId: session.user.id, sessionId: session.user.sessionId, loginAt: session.user.loginAt });
  }
  await signOut({ redirectTo: '/login?signedOut=1' });
});
