/**
 * Failure-based rate limits on rate-limiter-flexible's Prisma store (table `rate_limits`), so
 * every server process sharing the database shares the counters: `maxFailures` failures for a key
 * within `windowSeconds` lock the key for `lockSeconds`. Used for sign-in (lib/auth/login-throttle.ts)
 * and for unknown cards presented by one caller (lib/cards/lookup-guard.ts).
 */
import { RateLimiterPrisma } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/lib/db/client';

export interface FailureRule {
  /** Distinguishes the limits sharing the table. */
  prefix: string;
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

// One store limiter per database client (tests switch databases) and rule.
const cache = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

function limiterFor(rule: FailureRule): RateLimiterPrisma {
  const db = getDb();
  const perDb = cache.get(db) ?? new Map<string, RateLimiterPrisma>();
  cache.set(db, perDb);
  const id = JSON.stringify(rule);
  let limiter = perDb.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: 'rateLimit',
      // Expired rows are deleted by pruneRateLimits (the worker), not by a timer per limiter.
      clearExpiredByTimeout: false,
      keyPrefix: rule.prefix,
      points: rule.maxFailures,
      duration: rule.windowSeconds,
    });
    perDb.set(id, limiter);
  }
  return limiter;
}

/** Seconds until `key` may try again (it has had `maxFailures` failures), or 0 when it is not locked. */
export async function lockedFor(rule: FailureRule, key: string): Promise<number> {
  const state = await limiterFor(rule).get(key);
  return state && state.consumedPoints >= rule.maxFailures ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
}

/** Counts a failure after the fact (atomically); the one that reaches the limit starts the lock. */
export async function recordFailure(rule: FailureRule, key: string): Promise<void> {
  const limiter = limiterFor(rule);
  const state = await limiter.penalty(key, 1);
  if (state.consumedPoints === rule.maxFailures) await limiter.block(key, rule.lockSeconds);
}

/**
 * Counts an attempt before it is made (atomically in the database) and says whether it may go
 * ahead: attempts beyond the limit are refused and start the lock. Counting first is what makes
 * the limit hold against many requests sent at once — a check followed by a later count would let
 * them all through. The caller gives the attempt back with `refund` when it turned out not to be
 * a failure (or clears the count with `clearFailures`).
 */
export async function takeAttempt(rule: FailureRule, key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const limiter = limiterFor(rule);
  const state = await limiter.penalty(key, 1);
  if (state.consumedPoints <= rule.maxFailures) return { allowed: true };
  if (state.consumedPoints === rule.maxFailures + 1) await limiter.block(key, rule.lockSeconds);
  const retryAfterMs = state.consumedPoints === rule.maxFailures + 1 ? rule.lockSeconds * 1000 : state.msBeforeNext;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Gives back an attempt taken with `takeAttempt` that was not a failure. */
export async function refund(rule: FailureRule, key: string): Promise<void> {
  await limiterFor(rule).reward(key, 1);
}

/** Forgets the failures of `key` (e.g. after a successful sign-in). */
export async function clearFailures(rule: FailureRule, key: string): Promise<void> {
  await limiterFor(rule).delete(key);
}

/** Deletes counters whose window or lock is over (the worker calls this now and then). */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const { count } = await getDb().rateLimit.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
