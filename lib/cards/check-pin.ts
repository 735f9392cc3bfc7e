/**
 * PIN verification with brute-force protection: 5 wrong PINs on a card within 15 minutes pause
 * PIN checks on that card for 15 minutes. The failure count is written in its own statement (not
 * the caller's transaction), so a refused request still counts. A wrong PIN and an unknown card
 * give the caller the same error.
 */
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Card } from '@/lib/generated/prisma/client';
import { verifyPin } from '@/lib/secrets/hash';

export const PIN_MAX_FAILURES = 5;
export const PIN_WINDOW_MINUTES = 15;
export const PIN_LOCK_MINUTES = 15;

export const NO_MATCH_MESSAGE = 'No card matches those details.';

export function noMatch(): AppError {
  return new AppError('NOT_FOUND', NO_MATCH_MESSAGE);
}

export async function checkPin(card: Card, pin: string): Promise<void> {
  const db = getDb();
  if (card.pinLockedUntil && card.pinLockedUntil > new Date()) {
    throw new AppError('LIMIT_EXCEEDED', 'Too many wrong PINs for this card. Try again later.', {
      reason: 'pin_locked',
      retry_after_seconds: Math.ceil((card.pinLockedUntil.getTime() - Date.now()) / 1000),
    });
  }
  if (card.pinHash && verifyPin(card.id, pin, card.pinHash)) {
    if (card.pinFailures > 0) await db.card.update({ where: { id: card.id }, data: { pinFailures: 0, pinFailureWindowAt: null } });
    return;
  }
  // One atomic statement, so concurrent wrong guesses are all counted.
  await db.$executeRaw`
    UPDATE cards SET
      pin_failures = CASE WHEN pin_failure_window_at IS NULL OR pin_failure_window_at < now() - make_interval(mins => ${PIN_WINDOW_MINUTES})
                          THEN 1 ELSE pin_failures + 1 END,
      pin_failure_window_at = CASE WHEN pin_failure_window_at IS NULL OR pin_failure_window_at < now() - make_interval(mins => ${PIN_WINDOW_MINUTES})
                          THEN now() ELSE pin_failure_window_at END
    WHERE id = ${card.id}::uuid`;
  await db.$executeRaw`
    UPDATE cards SET pin_locked_until = now() + make_interval(mins => ${PIN_LOCK_MINUTES}), pin_failures = 0, pin_failure_window_at = NULL
    WHERE id = ${card.id}::uuid AND pin_failures >= ${PIN_MAX_FAILURES}`;
  throw noMatch();
}
