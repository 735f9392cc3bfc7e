/**
 * The one place where errors become HTTP responses for the Wallet API:
 * `{"error": {"code", "message", "details"?}}` with the status from lib/errors.ts.
 * Unexpected errors are logged with the request id and answered with a bare 500.
 */
import { ERROR_STATUS, toAppError } from '@/lib/errors';
import { toPlainJson } from '@/lib/json';
import { logger } from '@/lib/logger';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(toPlainJson(body)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function errorResponse(error: unknown, context: { route: string; requestId: string }): Response {
  const appError = toAppError(error);
  if (appError) {
    const body = { error: { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) } };
    const headers: Record<string, string> = { 'x-request-id': context.requestId };
    if (appError.code === 'BUSY') headers['retry-after'] = '1';
    const retryAfter = (appError.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
    if (appError.code === 'LIMIT_EXCEEDED' && typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
    return jsonResponse(body, ERROR_STATUS[appError.code], headers);
  }
  logger.error({ err: error, route: context.route, requestId: context.requestId }, 'unhandled API error');
  return jsonResponse(
    { error: { code: 'INTERNAL', message: `Internal error (request ${context.requestId}).` } },
    500,
    { 'x-request-id': context.requestId },
  );
}
