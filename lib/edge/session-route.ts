/**
 * The wrapper for cookie-authenticated route handlers of the HQ pages (CSV exports, progress
 * polling, the print file), so none can skip a step:
 * request id → the signed-in user, loaded fresh, with the permission (401/403) → for writes, the
 * same-origin check (a cross-site form post is refused, 403; server actions get this from
 * Next.js, route handlers do not) → handler → its Response, or the one error shape → log line.
 * Record-level rules (own account, batch state) stay in the domain function the handler calls.
 * A refusal with a UserMessage is answered in the user's language (`inUserLanguage`).
 */
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { AppError, isAppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { handleRequest, type ErrorRenderer } from './handle-request';
import { actionFailure } from './respond';
import { translateFailure } from './translate';
import { requireActor } from './session';

export interface SessionContext<P> {
  request: Request;
  requestId: string;
  actor: UserActor;
  /** Path parameters, already percent-decoded once by Next.js. */
  params: P;
}

export interface SessionRouteOptions<P> {
  /** Called when the edge refuses a signed-in user's request (to audit it) before the error answer. */
  onRefusal?: (ctx: SessionContext<P>, reason: 'cross_site') => Promise<void>;
  /** Answers errors in another form than the JSON default (return undefined to keep it). */
  renderError?: ErrorRenderer;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** No Origin (a same-origin GET, a non-browser client) or our own host. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function sessionRoute<P>(
  name: string,
  permission: Permission,
  handler: (ctx: SessionContext<P>) => Promise<Response>,
  options: SessionRouteOptions<P> = {},
) {
  return (request: Request, context: { params: Promise<P> }): Promise<Response> =>
    handleRequest(
      name,
      'session',
      request,
      async (requestId) => {
        try {
          const actor = await requireActor(permission);
          const ctx: SessionContext<P> = { request, requestId, actor, params: await context.params };
          if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
            await options.onRefusal?.(ctx, 'cross_site');
            throw new AppError('FORBIDDEN', 'Cross-site requests are not accepted.', undefined, userMessage('crossSite'));
          }
          return await handler(ctx);
        } catch (error) {
          throw await inUserLanguage(error);
        }
      },
      options.renderError,
    );
}

/**
 * A refusal of an HQ page's route in the signed-in user's language, as server actions word theirs
 * (lib/edge/translate.ts): the message and field errors; code, status and other details stay.
 * These routes serve the HQ pages' own scripts and downloads, never the Wallet API.
 */
async function inUserLanguage(error: unknown): Promise<unknown> {
  const failure = isAppError(error) && error.userMessage ? actionFailure(error) : null;
  if (!failure || !isAppError(error)) return error;
  try {
    const translated = await translateFailure(failure, error);
    const details = translated.fieldErrors ? { ...(error.details as object), fieldErrors: translated.fieldErrors } : error.details;
    return new AppError(error.code, translated.message, details, error.userMessage);
  } catch {
    return error; // no request language to be had: the English refusal
  }
}

/** The body of a form post as fields, refusing one larger than `maxBytes` (413) or not a form (400). */
export async function readForm(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'The request is too large.', undefined, userMessage('requestTooLarge'));
  try {
    return Object.fromEntries((await request.formData()).entries());
  } catch {
    throw new AppError('INVALID_INPUT', 'Send the form.', undefined, userMessage('sendTheForm'));
  }
}
