/**
 * Brute-force protection for email + password sign-in (lib/rate-limit/failure-limiter.ts):
 *
 * - Per email: AUTH_LOGIN_MAX_FAILURES failed sign-ins in a row, from anywhere, lock the email for
 *   AUTH_LOGIN_LOCK_MINUTES; a successful sign-in clears the count. Unknown emails are counted
 *   exactly like known ones, so the lock reveals nothing about which emails exist.
 * - Per client address: AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS failures within an hour (any emails)
 *   lock the address for the same time, against password spraying. The address comes from
 *   X-Forwarded-For as far as AUTH_TRUSTED_PROXY_HOPS trusts it (client-address.ts); without
 *   trusted proxies this limit is off. The per-email limit does not depend on it.
 *
 * While locked, even the right password is refused: otherwise the lock would not stop guessing.
 * Attempts are counted before the password is checked, so parallel guesses are limited too.
 * Keys are HMACs of the email/address (a password typed into the email field is never stored).
 */
import { createHmac } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { clearFailures, refund, takeAttempt, type FailureRule } from '@/lib/rate-limit/failure-limiter';
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

/**
 * Takes one sign-in attempt for the email (and address) before the password is checked — counted
 * first, so many attempts sent at once cannot all slip through — or refuses it while locked.
 */
export async function beginSignInAttempt(
  source: SignInSource,
  rules = loginThrottleRules(),
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const { byEmail, byAddress } = ruleSet(rules);
  const email = await takeAttempt(byEmail, keyOf(source.email));
  if (!email.allowed || !source.address) return email;
  const address = await takeAttempt(byAddress, keyOf(source.address));
  if (!address.allowed) await refund(byEmail, keyOf(source.email));
  return address;
}

/**
 * Ends an attempt begun with beginSignInAttempt. A failure stays counted; a success (the right
 * password, even for a disabled account) clears the email's run of failures and gives the
 * address its attempt back.
 */
export async function endSignInAttempt(source: SignInSource, outcome: 'success' | 'failure', rules = loginThrottleRules()): Promise<void> {
  if (outcome === 'failure') return;
  const { byEmail, byAddress } = ruleSet(rules);
  await Promise.all([clearFailures(byEmail, keyOf(source.email)), source.address ? refund(byAddress, keyOf(source.address)) : undefined]);
}
