/**
 * next-auth (Auth.js v5), full configuration: the base (lib/auth/base-config.ts) plus the
 * Credentials provider (id `credentials`: email + password checked against the database).
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { authenticate } from './authenticate';
import { clientAddress } from './client-address';
import { buildBaseAuthConfig } from './base-config';
import { endSession, isSessionEnded } from './ended-sessions';

/** Thrown for wrong email/password: one code for both, so nothing hints whether the email exists. */
export class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

export class AccountDisabled extends CredentialsSignin {
  code = 'account_disabled';
}

/** Too many failed sign-ins for the email or from the address (lib/auth/login-throttle.ts). */
export class LoginLocked extends CredentialsSignin {
  code = 'login_locked';
}

/**
 * The base config's jwt callback, plus: a session that has signed out (lib/auth/ended-sessions.ts)
 * is over here too, not only where the user is loaded — so `GET /api/auth/session` with a cookie
 * that came back after sign-out answers no session (and clears the cookie) like pages and
 * actions refuse it. The proxy keeps the database-free base callback.
 */
function withEndedSessionCheck(base: NextAuthConfig): NextAuthConfig['callbacks'] {
  const baseJwt = base.callbacks!.jwt!;
  return {
    ...base.callbacks,
    async jwt(params) {
      const token = await baseJwt(params);
      if (!token || params.user) return token;
      return token.sid && (await isSessionEnded(token.sid)) ? null : token;
    },
  };
}

export function buildAuthConfig(): NextAuthConfig {
  const base = buildBaseAuthConfig();
  return {
    ...base,
    callbacks: withEndedSessionCheck(base),
    events: {
      // Sign-out through next-auth's own endpoint (POST /api/auth/signout) ends the session too,
      // not just the app's sign-out button (app/_actions/sign-out.ts), so its cookie cannot come back.
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (token?.sub && token.sid && typeof token.loginAt === 'number') {
          await endSession({ userId: token.sub, sessionId: token.sid, loginAt: token.loginAt });
        }
      },
    },
    providers: [
      Credentials({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, request) {
          const address = clientAddress(request?.headers.get('x-forwarded-for'), getEnv().AUTH_TRUSTED_PROXY_HOPS);
          const result = await authenticate(credentials, { address });
          if (!result.ok) {
            if (result.reason === 'locked') throw new LoginLocked();
            throw result.reason === 'disabled' ? new AccountDisabled() : new InvalidCredentials();
          }
          const { user } = result;
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            accountId: user.accountId,
            storeId: user.storeId,
          };
        },
      }),
    ],
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildAuthConfig);
