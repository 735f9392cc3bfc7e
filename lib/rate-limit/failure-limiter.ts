/**
 * Failure-based rate limits in the table `rate_limits`, so every server process sharing the
 * database shares the counters: `maxFailures` failures for a key within `windowSeconds` lock the
 * key for `lockSeconds`.
 *
 * - Sign-in (lib/auth/login-throttle.ts) takes an attempt before the password check
 *   (takeAttempt/refund/clearFailures, on rate-limiter-flexible's Prisma store).
 * - Card lookups (lib/cards/lookup-guard.ts) count a miss after the lookup and read the lock
 *   after a hit (countFailure/lockedFor: one SQL statement each, so the count returned is the
 *   one that decides the answer).
 */
import { RateLimiterPrisma } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

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

/** The row key, as rate-limiter-flexible writes it (`prefix:key`), so both kinds share one table. */
function rowKey(rule: FailureRule, key: string): string {
  return `${rule.prefix}:${key}`;
}

/**
 * Seconds until `key` may try again (it has had `maxFailures` failures in its window), or 0 when
 * it is not locked. One read; it sees every failure counted before it (see countFailure).
 */
export async function lockedFor(rule: FailureRule, key: string): Promise<number> {
  const rows = await getDb().$queryRaw<{ retry: number }[]>`
    SELECT ceil(extract(epoch FROM expire - now()))::int AS retry FROM rate_limits WHERE ${lockedRowSql(rule, key)}`;
  return rows[0] ? Math.max(1, rows[0].retry) : 0;
}

/**
 * lockedFor, with `conditions` (boolean SQL expressions) evaluated in the same statement: the
 * seconds until `key` may try again (0 when not locked), and each condition's value.
 */
export async function lockedForWith(rule: FailureRule, key: string, conditions: Prisma.Sql[]): Promise<{ seconds: number; conditions: boolean[] }> {
  if (conditions.length === 0) return { seconds: await lockedFor(rule, key), conditions: [] };
  const columns = Prisma.join(
    conditions.map((condition, i) => Prisma.sql`(${condition}) AS ${Prisma.raw(`c${i}`)}`),
    ', ',
  );
  const rows = await getDb().$queryRaw<Record<string, number | boolean | null>[]>`
    SELECT (SELECT ceil(extract(epoch FROM expire - now()))::int FROM rate_limits WHERE ${lockedRowSql(rule, key)}) AS retry, ${columns}`;
  const row = rows[0]!;
  const retry = row.retry === null ? 0 : Math.max(1, Number(row.retry));
  return { seconds: retry, conditions: conditions.map((_, i) => row[`c${i}`] === true) };
}

/**
 * SQL condition: `key` is not locked now — the same test as lockedFor, for a write that must not
 * happen while the key is locked to carry in its own statement (lib/cards/lookup-guard.ts).
 */
export function notLockedSql(rule: FailureRule, key: string): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM rate_limits WHERE ${lockedRowSql(rule, key)})`;
}

/** The rate_limits row of `key` while it is locked. */
function lockedRowSql(rule: FailureRule, key: string): Prisma.Sql {
  return Prisma.sql`key = ${rowKey(rule, key)} AND points >= ${rule.maxFailures} AND expire > now()`;
}

/**
 * Counts a failure of `key` in one atomic statement and returns the count in the current window,
 * this failure included, with the seconds until the window (or the lock) ends. The failure that
 * reaches `maxFailures` starts the lock; failures after it are counted but do not extend it. A
 * caller that answers "over the limit" whenever `count > maxFailures` lets exactly `maxFailures`
 * failures per window through, however many arrive together.
 */
export async function countFailure(rule: FailureRule, key: string): Promise<{ count: number; retryAfterSeconds: number }> {
  const window = rule.windowSeconds;
  const lock = rule.lockSeconds;
  const rows = await getDb().$queryRaw<{ count: number; retry: number }[]>`
    INSERT INTO rate_limits AS r (key, points, expire)
    VALUES (${rowKey(rule, key)}, 1, now() + make_interval(secs => CASE WHEN 1 >= ${rule.maxFailures}::int THEN ${lock}::int ELSE ${window}::int END))
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN r.expire IS NULL OR r.expire <= now() THEN 1 ELSE r.points + 1 END,
      expire = CASE
        WHEN r.expire IS NULL OR r.expire <= now() THEN now() + make_interval(secs => CASE WHEN 1 >= ${rule.maxFailures}::int THEN ${lock}::int ELSE ${window}::int END)
        WHEN r.points + 1 = ${rule.maxFailures}::int THEN now() + make_interval(secs => ${lock}::int)
        ELSE r.expire END
    RETURNING points AS count, ceil(extract(epoch FROM expire - now()))::int AS retry`;
  const row = rows[0]!;
  return { count: row.count, retryAfterSeconds: Math.max(1, row.retry) };
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
