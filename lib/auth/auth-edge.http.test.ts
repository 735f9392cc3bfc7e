/**
 * Sign-in and session edges over HTTP against `next start` on real PostgreSQL: a signed-out
 * cookie gets no session from /api/auth/session, redirects after a POST are 303, failed sign-ins
 * are logged as warnings without secrets, and callback URLs cannot leave the app's origin.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@/prisma/seed-demo';
import { apiBaseUrl, apiFetch, apiUrl, openApiDb, readServerLog, signIn } from '@/lib/testing/http-client';

const db = openApiDb();
afterAll(async () => {
  await db.$disconnect();
});

async function csrf(cookie = '') {
  const response = await fetch(apiUrl('/api/auth/csrf'), { headers: { cookie } });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const csrfCookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0])
    .join('; ');
  return { csrfToken, cookie: [cookie, csrfCookie].filter(Boolean).join('; ') };
}

async function session(cookie: string) {
  const response = await apiFetch<{ user?: { id: string; sessionId: string } } | null>('/api/auth/session', { headers: { cookie } });
  return { user: response.body?.user ?? null, setCookie: response.headers.getSetCookie() };
}

describe('GET /api/auth/session for a session that has signed out', () => {
  it('answers no session (and clears the cookie) once the session is ended', async () => {
    const cookie = await signIn('staff@demo.test', DEMO_PASSWORD);
    const before = await session(cookie);
    expect(before.user?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    // What the app's sign-out button records (app/_actions/sign-out.ts → lib/auth/ended-sessions.ts).
    await db.endedSession.create({
      data: { sessionId: before.user!.sessionId, userId: before.user!.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const after = await session(cookie);
    expect(after.user).toBeNull();
    expect(after.setCookie.some((c) => /session-token=;/.test(c))).toBe(true);
  });

  it('also after sign-out through next-auth’s own endpoint, with the old cookie replayed', async () => {
    const cookie = await signIn('staff@demo.test', DEMO_PASSWORD);
    expect((await session(cookie)).user).not.toBeNull();
    const { csrfToken, cookie: withCsrf } = await csrf(cookie);
    const signOut = await fetch(apiUrl('/api/auth/signout'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: withCsrf },
      body: new URLSearchParams({ csrfToken, callbackUrl: apiUrl('/login') }),
      redirect: 'manual',
    });
    await signOut.arrayBuffer();
    expect(signOut.status).toBe(302);
    // The old cookie, still validly signed, comes back (a second tab, a request in flight).
    expect((await session(cookie)).user).toBeNull();
  });
});

describe('redirects', () => {
  it('a clerk posting a form to an HQ URL is sent away with 303 (the browser must not re-send the body)', async () => {
    const cookie = await signIn('oslo@demo.test', DEMO_PASSWORD);
    const response = await fetch(apiUrl('/hq/users'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: 'not-for-hq' }),
      redirect: 'manual',
    });
    await response.arrayBuffer();
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!, apiBaseUrl()).pathname).toBe('/denied');
    // A plain GET keeps 307.
    const get = await fetch(apiUrl('/hq/users'), { headers: { cookie }, redirect: 'manual' });
    await get.arrayBuffer();
    expect(get.status).toBe(307);
  });

  it.each(['/.//evil.example/x', '/%2e//evil.example/x', '//evil.example/x', '/\\evil.example/x', 'https://evil.example/x'])(
    'a sign-in with callbackUrl %j stays on the app',
    async (callback) => {
      const { csrfToken, cookie } = await csrf();
      const callbackUrl = callback.startsWith('/') && !callback.startsWith('//') ? `${apiBaseUrl()}${callback}` : callback;
      const response = await fetch(apiUrl('/api/auth/callback/credentials'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ csrfToken, email: 'admin@demo.test', password: DEMO_PASSWORD, callbackUrl }),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!, apiBaseUrl());
      // The app's own origin (next-auth may name the loopback host "localhost").
      expect(['127.0.0.1', 'localhost']).toContain(location.hostname);
      expect(location.port).toBe(new URL(apiBaseUrl()).port);
      // A path starting with "//" would be read as another host by whoever follows it next.
      expect(location.pathname.startsWith('//')).toBe(false);
      expect(location.href).not.toContain('evil.example');
    },
  );
});

describe('logging of failed sign-ins', () => {
  it('is a warning with the reason, without a stack trace and without the password', async () => {
    const password = `wrong-${randomBytes(6).toString('hex')}`;
    const logBefore = (await readServerLog()).length;
    await expect(signIn('admin@demo.test', password)).rejects.toThrow(/failed/);
    await expect(signIn(`nobody-${randomBytes(3).toString('hex')}@demo.test`, password)).rejects.toThrow(/failed/);
    // pino writes asynchronously: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = (await readServerLog()).slice(logBefore).split('\n').filter(Boolean);
    const entries = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { level: number; msg: string; code?: string; err?: unknown }];
      } catch {
        return [];
      }
    });
    const refused = entries.filter((e) => e.msg === 'sign-in refused');
    expect(refused).toHaveLength(2);
    expect(refused.every((e) => e.level === 40 && e.code === 'invalid_credentials' && e.err === undefined)).toBe(true);
    expect(entries.filter((e) => e.level >= 50)).toEqual([]);
    expect(lines.join('\n')).not.toContain(password);
    expect(lines.join('\n')).not.toMatch(/CredentialsSignin|\n\s+at /);
  });
});
