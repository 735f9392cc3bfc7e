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
import { userMessage } from '@/lib/i18n/user-message';
import { countFailure, lockedFor, type FailureRule } from '@/lib/rate-limit/failure-limiter';

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
export async function guardedLookup<T>(caller: string, lookup: (miss: MarkMiss) => Promise<T>, rule = unknownCardRule()): Promise<T> {
  let missed = false;
  const miss: MarkMiss = (answer) => {
    missed = true;
    return answer;
  };
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await lookup(miss) };
  } catch (error) {
    // A failure that is no answer about a card (the database is down) says nothing: pass it on.
    if (!missed && !isAppError(error)) throw error;
    outcome = { ok: false, error };
  }
  if (missed) {
    const { count, retryAfterSeconds } = await countFailure(rule, caller);
    if (count > rule.maxFailures) throw paused(retryAfterSeconds);
  } else {
    const seconds = await lockedFor(rule, caller);
    if (seconds > 0) throw paused(seconds);
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
