/**
 * The one place where an error becomes what a caller sees, for every entry point of lib/edge:
 * - over HTTP (Wallet API, public and session routes): `{"error": {"code", "message", "details"?}}`
 *   with the status from lib/errors.ts (`errorResponse`); unexpected errors are logged with the
 *   request id and answered with a bare 500 `INTERNAL`;
 * - in a server action: `{ ok: false, code, message, fieldErrors?, reason? }` (`actionFailure`);
 *   unexpected errors are not turned into results (the action adapters log and rethrow them).
 */
import { ERROR_STATUS, toAppError, type AppError, type ErrorCode } from '@/lib/errors';
import { toPlainJson } from '@/lib/json';
import { logger } from '@/lib/logger';
import type { ActionFailure, FieldErrors } from './result';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(toPlainJson(body)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** `details.fieldErrors` of an AppError, when the domain function gave per-field messages. */
export function fieldErrorsIn(details: unknown): FieldErrors | undefined {
  if (typeof details !== 'object' || details === null || !('fieldErrors' in details)) return undefined;
  const fieldErrors = details.fieldErrors;
  if (typeof fieldErrors !== 'object' || fieldErrors === null) return undefined;
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages)) out[field] = messages.filter((m): m is string => typeof m === 'string');
  }
  return out;
}

function reasonIn(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return undefined;
  return typeof details.reason === 'string' ? details.reason : undefined;
}

/** The failure result of a server action for an expected error, or null for an unexpected one. */
export function actionFailure(error: unknown, values?: Record<string, string>): ActionFailure | null {
  const appError = toAppError(error);
  if (!appError) return null;
  const fieldErrors = fieldErrorsIn(appError.details);
  const reason = reasonIn(appError.details);
  return {
    ok: false,
    code: appError.code,
    message: appError.message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(reason ? { reason } : {}),
    ...(values ? { values } : {}),
  };
}

/** Headers an error answer carries: Retry-After for BUSY and rate limits that say when. */
function errorHeaders(appError: AppError, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (appError.code === 'BUSY') headers['retry-after'] = '1';
  const retryAfter = (appError.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  if (appError.code === 'LIMIT_EXCEEDED' && typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  return headers;
}

/** What an error stands for, as an answer: an AppError as it is, anything else a logged 500 `INTERNAL`. */
export interface ErrorAnswer {
  status: number;
  code: ErrorCode | 'INTERNAL';
  message: string;
  details?: unknown;
  headers: Record<string, string>;
}

export function errorAnswer(error: unknown, context: { route: string; requestId: string }): ErrorAnswer {
  const appError = toAppError(error);
  if (appError) {
    return {
      status: ERROR_STATUS[appError.code],
      code: appError.code,
      message: appError.message,
      ...(appError.details === undefined ? {} : { details: appError.details }),
      headers: errorHeaders(appError, context.requestId),
    };
  }
  logger.error({ err: error, route: context.route, requestId: context.requestId }, 'unhandled request error');
  return { status: 500, code: 'INTERNAL', message: `Internal error (request ${context.requestId}).`, headers: { 'x-request-id': context.requestId } };
}

export function errorAnswerResponse(answer: ErrorAnswer): Response {
  const { status, code, message, details, headers } = answer;
  return jsonResponse({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status, headers);
}

export function errorResponse(error: unknown, context: { route: string; requestId: string }): Response {
  return errorAnswerResponse(errorAnswer(error, context));
}
