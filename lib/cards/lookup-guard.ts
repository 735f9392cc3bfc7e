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
import { lockedFor, recordFailure, type FailureRule } from '@/lib/rate-limit/failure-limiter';

export function unknownCardRule(env = getEnv()): FailureRule {
  const seconds = env.CARDSTOCK_UNKNOWN_CARD_WINDOW_MINUTES * 60;
  return { prefix: 'unknown-card', maxFailures: env.CARDSTOCK_UNKNOWN_CARD_LIMIT, windowSeconds: seconds, lockSeconds: seconds };
}

function paused(retryAfterSeconds: number): AppError {
  return new AppError('LIMIT_EXCEEDED', `Too many unknown cards were presented. Card lookups are paused for ${Math.ceil(retryAfterSeconds / 60)} min.`, {
    reason: 'lookups_locked',
    retry_after_seconds: retryAfterSeconds,
  });
}

/**
 * Runs a lookup of a presented card for `caller`: refused while the caller is paused, and a
 * NOT_FOUND answer (unknown token or code, wrong PIN, another account's card) counts as a miss.
 *
 * Unlike sign-in, the lock is checked before and the miss counted after the lookup: counting every
 * lookup first would turn the limit into a cap on concurrent lookups, and a busy till sends many
 * valid ones at once. The price: a burst of guesses sent at once can exceed the limit by the
 * number in flight before the first misses are counted — the limit caps sustained guessing.
 */
export async function guardedLookup<T>(caller: string, lookup: () => Promise<T>, rule = unknownCardRule()): Promise<T> {
  const seconds = await lockedFor(rule, caller);
  if (seconds > 0) throw paused(seconds);
  try {
    return await lookup();
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') await recordFailure(rule, caller);
    throw error;
  }
}
