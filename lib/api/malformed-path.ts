/**
 * The Wallet API's answer to a path Next.js cannot decode (`%ZZ`, `%C0%AF`, an encoded unpaired
 * surrogate such as `%ED%A0%80`): Next decodes path parameters before any handler runs and answers
 * a failure with a plain-text 500, so the proxy (proxy.ts) checks /v1/… paths first and answers
 * here with a 400 in the API's error shape. Edge-safe: no Node.js imports.
 */
import { ERROR_STATUS } from '@/lib/errors';

const API_PATH = /^\/(?:api\/)?v1(?:\/|$)/;

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
