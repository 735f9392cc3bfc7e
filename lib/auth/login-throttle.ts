/**
 * Brute-force protection for email + password sign-in (lib/rate-limit/failure-limiter.ts):
 *
 * - Per email: AUTH_LOGIN_MAX_FAILURES failed sign-ins in a row, from anywhere, lock the email for
 *   AUTH_LOGIN_LOCK_MINUTES; a successful sign-in clears the count. Unknown emails are counted
 *   exactly like known ones, so the lock reveals nothing about which emails exist.
 * - Per client address: AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS failures within an hour (any emails)
 *   lock the address for the same time, against password spraying. The address is the first
 *   X-Forwarded-For entry, which only a reverse proxy in front of the app makes trustworthy; the
 *   per-email limit does not depend on it.
 *
 * While locked, even the right password is refused: otherwise the lock would not stop guessing.
 * Keys are HMACs of the email/address (a password typed into the email field is never stored).
 */
import { createHmac } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { clearFailures, lockedFor, recordFailure, type FailureRule } from '@/lib/rate-limit/failure-limiter';
import { getSecretKeys } from '@/lib/secrets/keys';

export interface LoginThrottleRules {
  maxFailuresPerEmail: number;
  maxFailuresPerAddress: number;
  lockSeconds: number;
}

export function loginThrottleRules(env = getEnv()): LoginThrottleRules {
  return {
    maxFailuresPerEmail: env.AUTH_LOGIN_MAX_FAILURES,
    maxFailuresPerAddress: env.AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS,
    lockSeconds: env.AUTH_LOGIN_LOCK_MINUTES * 60,
  };
}

function ruleSet(rules: LoginThrottleRules): { byEmail: FailureRule; byAddress: FailureRule } {
  return {
    // "In a row": the window is long and a success clears the count.
    byEmail: { prefix: 'login-email', maxFailures: rules.maxFailuresPerEmail, windowSeconds: 24 * 3600, lockSeconds: rules.lockSeconds },
    byAddress: { prefix: 'login-addr', maxFailures: rules.maxFailuresPerAddress, windowSeconds: 3600, lockSeconds: rules.lockSeconds },
  };
}

function keyOf(value: string): string {
  return createHmac('sha256', getSecretKeys().loginThrottleKey).update(value, 'utf8').digest('base64url');
}

export interface SignInSource {
  email: string;
  /** Client address, when known. */
  address?: string | null;
}

/** Seconds until sign-in may be tried again for this email/address, or 0 when it is not locked. */
export async function loginLockedFor(source: SignInSource, rules = loginThrottleRules()): Promise<number> {
  const { byEmail, byAddress } = ruleSet(rules);
  const locks = await Promise.all([lockedFor(byEmail, keyOf(source.email)), source.address ? lockedFor(byAddress, keyOf(source.address)) : 0]);
  return Math.max(...locks);
}

/** Counts a failed sign-in; the failure that reaches a limit starts the lock. */
export async function recordLoginFailure(source: SignInSource, rules = loginThrottleRules()): Promise<void> {
  const { byEmail, byAddress } = ruleSet(rules);
  await Promise.all([
    recordFailure(byEmail, keyOf(source.email)),
    source.address ? recordFailure(byAddress, keyOf(source.address)) : undefined,
  ]);
}

/** A successful sign-in ends the email's run of failures (the address count stays). */
export async function recordLoginSuccess(source: SignInSource, rules = loginThrottleRules()): Promise<void> {
  await clearFailures(ruleSet(rules).byEmail, keyOf(source.email));
}
