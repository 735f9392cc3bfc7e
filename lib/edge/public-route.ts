/**
 * The wrapper for route handlers anyone may call, with no session and no bearer token (the token
 * endpoint, the OpenAPI document, the Wallet API's JSON 404, Auth.js's own endpoints):
 * request id → handler → its Response, or the one error shape (lib/edge/respond.ts) → log line.
 * Whatever the handler needs to know about its caller (HTTP Basic credentials, say) it checks
 * itself, first.
 */
import type { NextRequest } from 'next/server';
import { handleRequest } from './handle-request';

export interface PublicContext<P> {
  request: NextRequest;
  requestId: string;
  /** Path parameters, already percent-decoded once by Next.js. */
  params: P;
}

export function publicRoute<P = Record<string, string | string[] | undefined>>(name: string, handler: (ctx: PublicContext<P>) => Promise<Response> | Response) {
  return (request: NextRequest, context: { params: Promise<P> }): Promise<Response> =>
    handleRequest(name, 'public', request, async (requestId) => handler({ request, requestId, params: await context.params }));
}
