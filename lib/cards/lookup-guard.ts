/**
 * Caps how many unknown cards one caller (an API client or a signed-in user) may present. A card
 * token alone shows a balance and pays, and a short token format (8 digits is allowed) could
 * otherwise be guessed by trying values: CARDSTOCK_UNKNOWN_CARD_LIMIT misses within
 * CARDSTOCK_UNKNOWN_CARD_WINDOW_MINUTES pause that caller's lookups by token or code for the same
 * time (429, reason `lookups_locked`). Found cards are not counted; PINs have their own per-card
 * lockout (check-pin.ts).
 */
import { getEnv } from '@/lib/env';
import { AppError, isAppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { userMessage } from '@/lib/i18n/user-message';
import { countFailure, lockedForWith, notLockedSql, type FailureRule } from '@/lib/rate-limit/failure-limiter';

export function unknownCardRule(env = getEnv()): FailureRule {
  const seconds = env.CARDSTOCK_UNKNOWN_CARD_WINDOW_MINUTES * 60;
  return { prefix: 'unknown-card', maxFailures: env.CARDSTOCK_UNKNOWN_CARD_LIMIT, windowSeconds: seconds, lockSeconds: seconds };
}

function paused(retryAfterSeconds: number): AppError {
  return new AppError(
    'LIMIT_EXCEEDED',
    `Too many unknown cards were presented. Card lookups are paused for ${Math.ceil(retryAfterSeconds / 60)} min.`,
    {
      reason: 'lookups_locked',
      retry_after_seconds: retryAfterSeconds,
    },
    userMessage('lookupsPaused', { minutes: Math.ceil(retryAfterSeconds / 60) }),
  );
}

/** Marks the lookup's outcome as a miss (no card of the account found) and passes its answer through. */
export type MarkMiss = <A>(answer: A) => A;

/**
 * A check a hit still needs after its lookup (the PIN's "not locked at this moment"), handed to
 * the guard so it is read in the same statement as the caller's pause instead of one of its own:
 * `sql` is a boolean SQL expression; when it is false the lookup answers `error()` (unless the
 * caller is paused, which is answered first).
 */
export interface AfterLookupCheck {
  sql: Prisma.Sql;
  error: () => AppError;
  /**
   * The same condition on the card's own row (unqualified columns of `cards`), for a write that
   * updates that card (PendingPauseCheck.notPausedSql): PostgreSQL re-checks an UPDATE's own
   * conditions on the row as a concurrent writer left it, but not a subquery such as `sql`.
   */
  onCard?: { cardPk: string; sql: Prisma.Sql };
}
export type DeferCheck = (check: AfterLookupCheck) => void;

/**
 * Runs a lookup of a presented card for `caller`. The lookup marks every outcome that found no
 * card — unknown token or code, wrong PIN, mistyped check digit, another account's card — with
 * `miss` (`throw miss(error)` or `return miss(value)`); whatever it answers then is given only if
 * the caller is within its limit:
 *
 * - a miss is counted after the lookup, in one atomic statement, and the count it returns decides:
 *   over the limit, the caller gets 429 instead of the miss's answer. So at most the limit of
 *   misses are ever answered per window, however many guesses arrive together.
 * - anything else (a card found, or an answer about a found card such as a PIN lock) reads the
 *   lock after the lookup and gets 429 while the caller is paused — the pause does not tell a
 *   real card from a guess.
 *
 * Valid lookups are never counted, so a busy till sending many at once is not limited (counting
 * every lookup first would cap concurrent lookups instead). Both kinds decide at the same point,
 * after their own lookup; a hit must not read the lock earlier (before or alongside its lookup),
 * or the hits of a burst would all be decided before its misses are counted. Same round trips
 * as a check before the lookup: one read for a hit, one write for a miss.
 */
export async function guardedLookup<T>(caller: string, lookup: (miss: MarkMiss, defer: DeferCheck) => Promise<T>, rule = unknownCardRule()): Promise<T> {
  const { value, pause } = await guardedLookupDeferringPause(caller, lookup, rule);
  await pause.check();
  return value;
}

/**
 * The pause check a hit still owes, for a caller that can carry it in its next statement: the
 * drawdown puts `notPausedSql` in its one-statement write, so the lock is read after the lookup
 * (as guardedLookup reads it) and before any money moves, without a round trip of its own. If
 * that statement writes nothing, or the caller takes another path, it must `check()` before it
 * answers anything about the card.
 */
export interface PendingPauseCheck {
  /** The condition for the write's WHERE; `cardPk`: the card the write updates (its deferred checks then test its own row). */
  notPausedSql(cardPk?: string): Prisma.Sql;
  check(): Promise<void>;
}

/**
 * guardedLookup, except that a hit's pause check is handed back instead of run (a miss is
 * counted and decided here as always). The answer must not be given before `pause` is settled.
 */
export async function guardedLookupDeferringPause<T>(
  caller: string,
  lookup: (miss: MarkMiss, defer: DeferCheck) => Promise<T>,
  rule = unknownCardRule(),
): Promise<{ value: T; pause: PendingPauseCheck }> {
  let missed = false;
  const miss: MarkMiss = (answer) => {
    missed = true;
    return answer;
  };
  const deferred: AfterLookupCheck[] = [];
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await lookup(miss, (check) => deferred.push(check)) };
  } catch (error) {
    // A failure that is no answer about a card (the database is down) says nothing: pass it on.
    if (!missed && !isAppError(error)) throw error;
    outcome = { ok: false, error };
  }
  const pause: PendingPauseCheck = {
    // The write that carries the pause carries the lookup's own deferred checks too; if it then
    // writes nothing, check() tells which answer applies.
    notPausedSql: (cardPk) =>
      Prisma.join([notLockedSql(rule, caller), ...deferred.map((d) => (d.onCard && d.onCard.cardPk === cardPk ? d.onCard.sql : d.sql))], ' AND '),
    async check() {
      const { seconds, conditions } = await lockedForWith(
        rule,
        caller,
        deferred.map((d) => d.sql),
      );
      if (seconds > 0) throw paused(seconds);
      const failed = deferred.find((_, i) => !conditions[i]);
      if (failed) throw failed.error();
    },
  };
  if (missed) {
    const { count, retryAfterSeconds } = await countFailure(rule, caller);
    if (count > rule.maxFailures) throw paused(retryAfterSeconds);
    if (!outcome.ok) throw outcome.error;
    return { value: outcome.value, pause: SETTLED };
  }
  if (!outcome.ok) {
    // An answer about a found card (a PIN lock): decided now, as it is given now.
    await pause.check();
    throw outcome.error;
  }
  return { value: outcome.value, pause };
}

/** A miss was decided by its own count: nothing is owed. */
const SETTLED: PendingPauseCheck = { notPausedSql: () => Prisma.sql`TRUE`, check: async () => {} };
