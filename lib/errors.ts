/**
 * One error type for every expected failure, with a short list of codes. Exactly one table
 * maps a code to an HTTP status; actions map the same errors to form state.
 */
import type { UserMessage } from '@/lib/i18n/user-message';

export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  LIMIT_EXCEEDED: 429,
  /** Every database connection stayed busy too long; nothing was done and a retry is safe. */
  BUSY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /**
   * For errors people read in the UI: a catalogue key and its parameters (lib/i18n/user-message.ts),
   * translated at the edge for the browser; the API answers the English `message`.
   */
  readonly userMessage?: UserMessage;

  constructor(code: ErrorCode, message: string, details?: unknown, userMessage?: UserMessage) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    if (userMessage) this.userMessage = userMessage;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

interface PrismaErrorShape {
  code?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown; constraint?: { index?: unknown } } } };
}

/**
 * A "unique constraint failed" error from Prisma, without importing the client into every caller:
 * P2002 from model queries, and P2010 with SQLSTATE 23505 from raw queries ($executeRaw), which
 * Prisma reports differently.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as PrismaErrorShape;
  if (e.code === 'P2002') return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return e.code === 'P2010' && (cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation');
}

/** The name of the unique index a unique violation hit, when the driver says (e.g. "cards_account_id_token_hash_key"). */
export function violatedUniqueIndex(error: unknown): string | null {
  if (!isUniqueViolation(error)) return null;
  const meta = (error as PrismaErrorShape).meta;
  const index = meta?.driverAdapterError?.cause?.constraint?.index;
  if (typeof index === 'string') return index;
  return typeof meta?.target === 'string' ? meta.target : null;
}

/** Prisma could not get a connection for a transaction within its maxWait (P2028 "Unable to start"). */
export function isTransactionStartTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown };
  return e.code === 'P2028' && typeof e.message === 'string' && e.message.includes('Unable to start a transaction');
}

/**
 * The AppError an error stands for, or null for an unexpected one: AppErrors as they are, a
 * unique violation as a conflict, a database too busy to start a transaction as BUSY (retryable).
 */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (isUniqueViolation(error)) return new AppError('CONFLICT', 'The request conflicts with existing data.', undefined, { key: 'conflict' });
  if (isTransactionStartTimeout(error)) return new AppError('BUSY', 'The server is busy right now; nothing was changed. Try again.', undefined, { key: 'busy' });
  return null;
}
