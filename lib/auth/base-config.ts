/**
 * next-auth (Auth.js v5) settings shared by the app and the proxy: JWT sessions in an encrypted
 * cookie, no database access (the proxy stays light).
 *
 * Session lifetime: the cookie's maxAge is the idle timeout and is renewed on every request that
 * passes the proxy, so a shared shop computer left alone signs out by itself; `loginAt` caps the
 * whole session at AUTH_MAX_SESSION_HOURS however active it is.
 *
 * The token only says who signed in. Authorization reloads the user from the database on every
 * request (lib/edge/session.ts), so disabling a user or changing their role takes effect at once.
 */
import type { NextAuthConfig } from 'next-auth';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { isRole, type Role } from './permissions';
import { authRedirect } from './safe-redirect';

declare module 'next-auth' {
  interface Session {
    user: {
      id: string;
      email: string;
      name: string;
      role: Role;
      accountId: string;
      storeId: string | null;
      /** This sign-in's id, recorded on sign-out (lib/auth/ended-sessions.ts). */
      sessionId: string;
      /** When this session signed in (ms since epoch). */
      loginAt: number;
    };
  }
  interface User {
    role?: Role;
    accountId?: string;
    storeId?: string | null;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    role?: Role;
    accountId?: string;
    storeId?: string | null;
    loginAt?: number;
    sid?: string;
  }
}

export function sessionRules(env = getEnv()) {
  return {
    idleTimeoutSeconds: env.AUTH_IDLE_TIMEOUT_MINUTES * 60,
    maxSessionMs: env.AUTH_MAX_SESSION_HOURS * 3600 * 1000,
  };
}

/** Whether a token is still within the absolute session lifetime. */
export function isWithinMaxSession(loginAt: number | undefined, now: number, maxSessionMs: number): boolean {
  return typeof loginAt === 'number' && now - loginAt <= maxSessionMs;
}

/** A stable UUID-shaped id for a session signed in before session ids existed (Web Crypto: runs in the proxy too). */
export async function legacySessionId(userId: string, loginAt: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`legacy-session:${userId}:${loginAt}`)));
  const hex = Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Auth.js's error log. A refused sign-in (wrong password, unknown email, disabled, locked: our
 * CredentialsSignin subclasses, whose `name` is the subclass's) is an expected event, already in
 * the audit log: a warning with its code, no stack trace — and never the submitted credentials.
 */
export function logAuthError(error: Error): void {
  const type = (error as { type?: unknown }).type;
  if (type === 'CredentialsSignin') {
    const code = (error as { code?: unknown }).code;
    logger.warn({ code: typeof code === 'string' ? code : 'credentials_signin' }, 'sign-in refused');
    return;
  }
  logger.error({ err: error }, 'auth error');
}

export function buildBaseAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const rules = sessionRules(env);
  return {
    secret: env.AUTH_SECRET,
    // Behind `next start` the host comes from the request; set AUTH_URL if a reverse proxy rewrites it.
    trustHost: true,
    session: { strategy: 'jwt', maxAge: rules.idleTimeoutSeconds },
    pages: { signIn: '/login', error: '/login' },
    providers: [],
    // Route Auth.js's own logging into the app logger.
    logger: {
      error: logAuthError,
      warn(code) {
        logger.warn({ code }, 'auth warning');
      },
      debug() {},
    },
    callbacks: {
      // Only the app's own origin, normalised (lib/auth/safe-redirect.ts): the default lets "/.//evil.example" through.
      redirect: authRedirect,
      async jwt({ token, user }) {
        if (user) {
          token.role = user.role;
          token.accountId = user.accountId;
          token.storeId = user.storeId ?? null;
          token.loginAt = Date.now();
          token.sid = crypto.randomUUID();
        }
        // Cookies issued before session ids existed get one, so they can be signed out too. Derived
        // from the sign-in (not random), so every request with that cookie sees the same id.
        token.sid ??= await legacySessionId(token.sub ?? '', token.loginAt ?? 0);
        // Returning null ends the session (the cookie is deleted).
        return isWithinMaxSession(token.loginAt, Date.now(), rules.maxSessionMs) ? token : null;
      },
      session({ session, token }) {
        if (token.sub && isRole(token.role) && token.accountId) {
          session.user = {
            ...session.user,
            id: token.sub,
            email: token.email ?? '',
            name: token.name ?? '',
            role: token.role,
            accountId: token.accountId,
            storeId: token.storeId ?? null,
            sessionId: token.sid ?? '',
            loginAt: token.loginAt ?? 0,
          };
        }
        return session;
      },
    },
  };
}
