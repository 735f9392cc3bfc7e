'use server';
import { auth, signOut } from '@/lib/auth/config';
import { endSession } from '@/lib/auth/ended-sessions';

export async function signOutAction() {
  const session = await auth();
  if (session?.user?.id && session.user.sessionId) {
    await endSession({ userId: session.user.id, sessionId: session.user.sessionId, loginAt: session.user.loginAt });
  }
  await signOut({ redirectTo: '/login?signedOut=1' });
}
