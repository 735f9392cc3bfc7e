import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { isWithinMaxSession, sessionRules } from './base-config';

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
