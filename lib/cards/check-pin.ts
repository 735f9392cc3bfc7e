/**
 * PIN verification with brute-force protection: 5 wrong PINs on a card within 15 minutes pause
 * PIN checks on that card for 15 minutes; a right PIN starts the count again. A wrong PIN and an
 * unknown card give the caller the same error.
 *
 * The answer is decided in the database, not from the card row the caller loaded (which may be
 * older than the failures of guesses sent at the same time): a wrong PIN is counted by one atomic
 * statement that refuses it once the card is locked, and the one reaching 5 sets the lock; a right
 * PIN is accepted only if the card is not locked at that moment. So however many guesses for one
 * card arrive together, at most 5 wrong ones are answered per window, and a right one sent after
 * them is refused. The statements run on their own (not in the caller's transaction), so a
 * refused request still counts.
 */
import { userMessage } from '@/lib/i18n/user-message';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { Prisma, type Card } from '@/lib/generated/prisma/client';
import { verifyPin } from '@/lib/secrets/hash';
import type { DeferCheck } from './lookup-guard';

export const PIN_MAX_FAILURES = 5;
export const PIN_WINDOW_MINUTES = 15;
export const PIN_LOCK_MINUTES = 15;

/** In an UPDATE of a card that is not locked now: its failures start a new window (none yet, the window is over, or a lock was). */
const FRESH_WINDOW = Prisma.sql`(pin_failure_window_at IS NULL OR pin_failure_window_at <= now() - make_interval(mins => ${PIN_WINDOW_MINUTES}::int) OR pin_locked_until IS NOT NULL)`;

/** The card's PIN checks are not locked now. */
const PIN_OPEN = Prisma.sql`(pin_locked_until IS NULL OR pin_locked_until <= now())`;

export const NO_MATCH_MESSAGE = 'No card matches those details.';

export function noMatch(): AppError {
  return new AppError('NOT_FOUND', NO_MATCH_MESSAGE, undefined, userMessage('noMatch'));
}

function pinLocked(card: Card): AppError {
  // The loaded row knows a lock set before it was read; a lock set since was set just now.
  const until = card.pinLockedUntil && card.pinLockedUntil > new Date() ? card.pinLockedUntil.getTime() : Date.now() + PIN_LOCK_MINUTES * 60_000;
  return new AppError(
    'LIMIT_EXCEEDED',
    'Too many wrong PINs for this card. Try again later.',
    { reason: 'pin_locked', retry_after_seconds: Math.max(1, Math.ceil((until - Date.now()) / 1000)) },
    userMessage('pinLocked'),
  );
}

/**
 * Whether `pin` is the card's PIN: true for the right one, false for a wrong one (counted; the
 * caller answers it like an unknown card). Throws LIMIT_EXCEEDED (`pin_locked`) while the card is
 * locked — for the right PIN too, or the lock would not stop guessing. Inside a guarded lookup,
 * `defer` hands the right PIN's "not locked now" read to the guard (one statement fewer).
 */
export async function checkPin(card: Card, pin: string, defer?: DeferCheck): Promise<boolean> {
  if (card.pinLockedUntil && card.pinLockedUntil > new Date()) throw pinLocked(card);
  const db = getDb();
  const right = card.pinHash !== null && verifyPin(card.id, pin, card.pinHash);
  if (right && card.pinFailures === 0 && defer) {
    // "Not locked at this moment", read by the lookup guard in the statement that reads the
    // caller's pause (lookup-guard.ts AfterLookupCheck) rather than in one of its own.
    defer({
      sql: Prisma.sql`EXISTS (SELECT 1 FROM cards WHERE id = ${card.id}::uuid AND ${PIN_OPEN})`,
      onCard: { cardPk: card.id, sql: PIN_OPEN },
      error: () => pinLocked(card),
    });
    return true;
  }
  if (right) {
    // Accepted only if not locked now; failures the loaded row shows are cleared in the same step.
    const open =
      card.pinFailures > 0
        ? await db.$queryRaw<unknown[]>`
          UPDATE cards SET pin_failures = 0, pin_failure_window_at = NULL
          WHERE id = ${card.id}::uuid AND ${PIN_OPEN} RETURNING id`
        : await db.$queryRaw<unknown[]>`
          SELECT id FROM cards WHERE id = ${card.id}::uuid AND ${PIN_OPEN}`;
    if (open.length === 0) throw pinLocked(card);
    return true;
  }
  const rows = await db.$queryRaw<{ failures: number }[]>`
    UPDATE cards SET
      pin_failures = CASE WHEN ${FRESH_WINDOW} THEN 1 ELSE pin_failures + 1 END,
      pin_failure_window_at = CASE WHEN ${FRESH_WINDOW} THEN now() ELSE pin_failure_window_at END,
      pin_locked_until = CASE WHEN (CASE WHEN ${FRESH_WINDOW} THEN 1 ELSE pin_failures + 1 END) >= ${PIN_MAX_FAILURES}::int
                              THEN now() + make_interval(mins => ${PIN_LOCK_MINUTES}::int) ELSE NULL END
    WHERE id = ${card.id}::uuid AND ${PIN_OPEN}
    RETURNING pin_failures AS failures`;
  if (rows.length === 0 || rows[0]!.failures > PIN_MAX_FAILURES) throw pinLocked(card);
  return false;
}
