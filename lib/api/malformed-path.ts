/**
 * The Wallet API's answer to a path Next.js cannot decode (`%ZZ`, `%C0%AF`, an encoded unpaired
 * surrogate such as `%ED%A0%80`): Next decodes path parameters before any handler runs and answers
 * a failure with a plain-text 500, so the proxy (proxy.ts) and the API's Node.js path
 * (lib/edge/node-api.ts, which also sees /V1/…) check such paths first and answer here with a 400
 * in the API's error shape. Edge-safe: no Node.js imports.
 */
import { ERROR_STATUS } from '@/lib/errors';

/** /v1/… in any case (Next.js's rewrite to app/api/v1 ignores case) and /api/v1/…. */
const API_PATH = /^\/(?:api\/v1|[vV]1)(?:\/|$)/;

function decodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** A 400 for a Wallet API path that is not valid percent-encoded UTF-8, else null. */
export function malformedApiPathResponse(pathname: string): Response | null {
  if (!API_PATH.test(pathname) || decodes(pathname)) return null;
  const requestId = crypto.randomUUID();
  return new Response(JSON.stringify({ error: { code: 'INVALID_INPUT', message: 'The URL path is not valid percent-encoded UTF-8.' } }), {
    status: ERROR_STATUS.INVALID_INPUT,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId },
  });
}
