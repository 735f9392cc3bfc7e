/**
 * Idempotency-Key support for writes the Wallet API lets clients repeat (batch, activation):
 * the same key with the same request returns the stored result without a second effect; the
 * same key with a different request is a conflict. The key is reserved before the work runs, so
 * two concurrent requests with one key cannot both do it. A failed attempt releases the key.
 * Stored responses never contain card secrets (callers pass a redacted body to store).
 */
import { createHash } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';
import { getDb } from '@/lib/db/client';
import { AppError, isAppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { Prisma } from '@/lib/generated/prisma/client';
import { toPlainJson } from '@/lib/json';
import { logger } from '@/lib/logger';

const IN_PROGRESS = 0;
const IN_PROGRESS_DETAILS = { reason: 'request_in_progress' } as const;
/**
 * A reservation older than this belongs to a crashed request and may be taken over. Longer than
 * any request can run: the largest (a 10,000-card batch) may wait 30 s for a connection and run
 * for 120 s.
 */
const ABANDONED_AFTER_MS = 5 * 60_000;

/** Whether `error` says the same key's first request is still running (retrying later will answer). */
export function isRequestInProgress(error: unknown): boolean {
  return isAppError(error) && error.code === 'CONFLICT' && (error.details as { reason?: unknown } | undefined)?.reason === IN_PROGRESS_DETAILS.reason;
}

/**
 * A fingerprint of a request: SHA-256 of its canonical JSON (keys sorted at every level, by
 * safe-stable-stringify), so the same body with its metadata keys in another order is the same request.
 */
export function requestHash(value: unknown): string {
  return createHash('sha256')
    .update(stableStringify(value) ?? '')
    .digest('hex');
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** What a replay returns; defaults to `body`. Must hold no secrets. */
  storedBody?: unknown;
}

export async function withIdempotencyKey<T>(
  options: { accountId: string; actor: string; key: string | null; operation: string; request: unknown },
  run: () => Promise<IdempotentResult<T>>,
): Promise<{ status: number; body: T | unknown; isReplay: boolean }> {
  if (!options.key) {
    const result = await run();
    return { status: result.status, body: result.body, isReplay: false };
  }
  if (options.key.length > 255)
    throw new AppError('UNPROCESSABLE', 'Idempotency-Key must be at most 255 characters.', undefined, userMessage('idempotencyKeyTooLong'));
  const db = getDb();
  const hash = requestHash({ operation: options.operation, request: options.request });
  const keyFields = { accountId: options.accountId, actor: options.actor, key: options.key };
  const where = { accountId_actor_key: keyFields };
  // Our reservation's stamp: later writes touch the record only while it is still ours, so a
  // request that took over an abandoned reservation is never overwritten or released by us.
  let reservedAt = new Date();

  try {
    await db.idempotencyRecord.create({
      data: { ...keyFields, operation: options.operation, requestHash: hash, statusCode: IN_PROGRESS, response: {}, createdAt: reservedAt },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.idempotencyRecord.findUnique({ where });
    // Released by a failed first attempt between our insert and this read: a retry will run it.
    if (!existing) throw new AppError('CONFLICT', 'Retry the request.', IN_PROGRESS_DETAILS, userMessage('retryRequest'));
    if (existing.requestHash !== hash) {
      throw new AppError('CONFLICT', 'This Idempotency-Key was already used with a different request.', undefined, userMessage('idempotencyKeyReused'));
    }
    if (existing.statusCode !== IN_PROGRESS) {
      return { status: existing.statusCode, body: existing.response, isReplay: true };
    }
    const inProgress = new AppError(
      'CONFLICT',
      'A request with this Idempotency-Key is still in progress.',
      IN_PROGRESS_DETAILS,
      userMessage('requestInProgress'),
    );
    if (Date.now() - existing.createdAt.getTime() < ABANDONED_AFTER_MS) throw inProgress;
    // Take over the abandoned reservation — only one of several retries can.
    reservedAt = new Date();
    const { count } = await db.idempotencyRecord.updateMany({
      where: { ...keyFields, statusCode: IN_PROGRESS, createdAt: existing.createdAt },
      data: { createdAt: reservedAt },
    });
    if (count === 0) throw inProgress;
  }
  const ours = { ...keyFields, statusCode: IN_PROGRESS, createdAt: reservedAt };

  try {
    const result = await run();
    const { count } = await db.idempotencyRecord.updateMany({
      where: ours,
      data: { statusCode: result.status, response: toPlainJson(result.storedBody ?? result.body) as Prisma.InputJsonValue },
    });
    // Taken over meanwhile (this request outran ABANDONED_AFTER_MS): its effect stands, but a
    // replay will answer with the other request's result. Worth knowing about.
    if (count === 0) logger.warn({ operation: options.operation }, 'idempotency reservation was taken over before the request finished');
    return { status: result.status, body: result.body, isReplay: false };
  } catch (error) {
    await db.idempotencyRecord.deleteMany({ where: ours }).catch(() => {});
    throw error;
  }
}
