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
import { refund, takeAttempt, type FailureRule } from '@/lib/rate-limit/failure-limiter';

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
 * Runs a lookup of a presented card for `caller`. The attempt is counted before the lookup (so
 * lookups sent at once cannot all slip past the limit) and given back unless the answer was
 * NOT_FOUND (unknown token or code, wrong PIN, another account's card): only misses count.
 */
export async function guardedLookup<T>(caller: string, lookup: () => Promise<T>, rule = unknownCardRule()): Promise<T> {
  const attempt = await takeAttempt(rule, caller);
  if (!attempt.allowed) throw paused(attempt.retryAfterSeconds);
  try {
    const result = await lookup();
    await refund(rule, caller);
    return result;
  } catch (error) {
    if (!(isAppError(error) && error.code === 'NOT_FOUND')) await refund(rule, caller);
    throw error;
  }
}
