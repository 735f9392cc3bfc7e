import { describe, expect, it, vi } from 'vitest';
import { parseEnv } from '@/lib/env';
import type { JWT } from '@auth/core/jwt';
import { CredentialsSignin } from '@auth/core/errors';
import { logger } from '@/lib/logger';
import { buildBaseAuthConfig, isWithinMaxSession, logAuthError, sessionRules } from './base-config';

describe('session rules', () => {
  it('default to a 30-minute idle timeout and a 12-hour session', () => {
    expect(sessionRules(parseEnv({}))).toEqual({ idleTimeoutSeconds: 1800, maxSessionMs: 12 * 3600 * 1000 });
  });

  it('follow configuration', () => {
    const env = parseEnv({ AUTH_IDLE_TIMEOUT_MINUTES: '5', AUTH_MAX_SESSION_HOURS: '2' });
    expect(sessionRules(env)).toEqual({ idleTimeoutSeconds: 300, maxSessionMs: 2 * 3600 * 1000 });
  });

  it('end a session past its absolute lifetime however active it was', () => {
    const max = 1000;
    expect(isWithinMaxSession(10_000, 10_500, max)).toBe(true);
    expect(isWithinMaxSession(10_000, 11_000, max)).toBe(true);
    expect(isWithinMaxSession(10_000, 11_001, max)).toBe(false);
    expect(isWithinMaxSession(undefined, 0, max)).toBe(false);
  });
});

describe('session ids', () => {
  const jwt = async (params: { token: JWT; user?: { role: 'CLERK'; accountId: string } }) => {
    const callback = buildBaseAuthConfig().callbacks!.jwt!;
    return (await callback(params as Parameters<typeof callback>[0])) as JWT;
  };
  const user = { role: 'CLERK' as const, accountId: 'T12345678' };

  it('gives every sign-in its own id and keeps it while the session is renewed', async () => {
    const first = await jwt({ token: { sub: 'u1' }, user });
    const second = await jwt({ token: { sub: 'u1' }, user });
    expect(first.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.sid).not.toBe(first.sid);
    expect((await jwt({ token: first })).sid).toBe(first.sid);
  });

  it('gives a cookie from before session ids a stable one, so it can be signed out', async () => {
    const loginAt = Date.now();
    const legacy = () => jwt({ token: { sub: 'u1', role: 'CLERK', accountId: 'T12345678', loginAt } });
    const first = await legacy();
    expect(first.sid).toMatch(/^[0-9a-f-]{36}$/);
    // Every request with the same old cookie sees the same id (sign-out records that one).
    expect((await legacy()).sid).toBe(first.sid);
  });
});

describe('Auth.js error log', () => {
  it('logs a refused sign-in as a warning with its code, without the error (stack) — whatever the subclass is called', async () => {
    // As in lib/auth/config.ts (which needs Next's runtime to import).
    class InvalidCredentials extends CredentialsSignin {
      code = 'invalid_credentials';
    }
    class LoginLocked extends CredentialsSignin {
      code = 'login_locked';
    }
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    try {
      logAuthError(new InvalidCredentials());
      logAuthError(new LoginLocked());
      expect(error).not.toHaveBeenCalled();
      expect(warn.mock.calls).toEqual([
        [{ code: 'invalid_credentials' }, 'sign-in refused'],
        [{ code: 'login_locked' }, 'sign-in refused'],
      ]);
      const unexpected = new Error('boom');
      logAuthError(unexpected);
      expect(error).toHaveBeenCalledWith({ err: unexpected }, 'auth error');
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
