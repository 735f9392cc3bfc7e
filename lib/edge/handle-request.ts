/**
 * The steps every HTTP entry point of lib/edge shares (api-route.ts, public-route.ts,
 * session-route.ts): a request id, the handler, any error turned into its answer by
 * lib/edge/respond.ts (or by the route's own renderer), `x-request-id` on the response, and one
 * log line with the route name, status and time taken.
 */
import { randomUUID } from 'node:crypto';
import { logger, withRequestId as inRequestScope } from '@/lib/logger';
import { errorAnswer, errorAnswerResponse, type ErrorAnswer } from './respond';

export type RouteKind = 'api' | 'public' | 'session';

/** Renders an error answer differently (e.g. a page for a browser's form post); undefined for the JSON default. */
export type ErrorRenderer = (answer: ErrorAnswer, request: Request) => Response | undefined | Promise<Response | undefined>;

export async function handleRequest(
  name: string,
  kind: RouteKind,
  request: Request,
  run: (requestId: string) => Promise<Response>,
  renderError?: ErrorRenderer,
): Promise<Response> {
  const requestId = randomUUID();
  // Every log line written while handling this request carries its id (lib/logger.ts).
  return inRequestScope(requestId, () => handle(name, kind, request, run, requestId, renderError));
}

async function handle(
  name: string,
  kind: RouteKind,
  request: Request,
  run: (requestId: string) => Promise<Response>,
  requestId: string,
  renderError?: ErrorRenderer,
): Promise<Response> {
  const started = Date.now();
  let status = 500;
  try {
    let response: Response;
    try {
      response = await run(requestId);
    } catch (error) {
      const answer = errorAnswer(error, { route: name, requestId });
      response = (await renderError?.(answer, request)) ?? errorAnswerResponse(answer);
    }
    status = response.status;
    return withRequestId(response, requestId);
  } finally {
    logger.info({ route: name, requestId, status, ms: Date.now() - started }, `${kind} request`);
  }
}

function withRequestId(response: Response, requestId: string): Response {
  if (response.headers.has('x-request-id')) return response;
  try {
    response.headers.set('x-request-id', requestId);
    return response;
  } catch {
    // Immutable headers (a Response.redirect, a fetched response): copy it.
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
