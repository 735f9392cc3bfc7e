/**
 * Brute-force protection for email + password sign-in, on rate-limiter-flexible's Prisma store
 * (table `login_throttle`), so every server process sharing the database shares the counters.
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
import { RateLimiterPrisma, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
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

interface Limiters {
  byEmail: RateLimiterAbstract;
  byAddress: RateLimiterAbstract;
}

// One pair per database client (tests switch databases) and per rules.
const cache = new WeakMap<Db, Map<string, Limiters>>();

function limitersFor(db: Db, rules: LoginThrottleRules): Limiters {
  const perDb = cache.get(db) ?? new Map<string, Limiters>();
  cache.set(db, perDb);
  const id = JSON.stringify(rules);
  let limiters = perDb.get(id);
  if (!limiters) {
    const common = { storeClient: db, tableName: 'loginThrottle', clearExpiredByTimeout: false };
    limiters = {
      // "In a row": the window is long and a success deletes the counter.
      byEmail: new RateLimiterPrisma({ ...common, keyPrefix: 'email', points: rules.maxFailuresPerEmail, duration: 24 * 3600 }),
      byAddress: new RateLimiterPrisma({ ...common, keyPrefix: 'addr', points: rules.maxFailuresPerAddress, duration: 3600 }),
    };
    perDb.set(id, limiters);
  }
  return limiters;
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
  const { byEmail, byAddress } = limitersFor(getDb(), rules);
  const [email, address] = await Promise.all([
    byEmail.get(keyOf(source.email)),
    source.address ? byAddress.get(keyOf(source.address)) : null,
  ]);
  const locked = [
    email && email.consumedPoints >= rules.maxFailuresPerEmail ? email.msBeforeNext : 0,
    address && address.consumedPoints >= rules.maxFailuresPerAddress ? address.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...locked) / 1000);
}

/** Counts a failed sign-in; the failure that reaches a limit starts the lock. */
export async function recordLoginFailure(source: SignInSource, rules = loginThrottleRules()): Promise<void> {
  const { byEmail, byAddress } = limitersFor(getDb(), rules);
  const count = async (limiter: RateLimiterAbstract, key: string, max: number) => {
    const result = await limiter.penalty(key, 1);
    if (result.consumedPoints >= max) await limiter.block(key, rules.lockSeconds);
  };
  await Promise.all([
    count(byEmail, keyOf(source.email), rules.maxFailuresPerEmail),
    source.address ? count(byAddress, keyOf(source.address), rules.maxFailuresPerAddress) : undefined,
  ]);
}

/** A successful sign-in ends the email's run of failures (the address count stays). */
export async function recordLoginSuccess(source: SignInSource, rules = loginThrottleRules()): Promise<void> {
  await limitersFor(getDb(), rules).byEmail.delete(keyOf(source.email));
}

/** Deletes counters whose window or lock is over (the worker calls this now and then). */
export async function pruneLoginThrottle(now = new Date()): Promise<number> {
  const { count } = await getDb().loginThrottle.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
