// Convenience redirects only: signed-out users to the login page, clerks away from HQ URLs.
// Every page, action and route checks authorization again on the server (lib/edge/session.ts).
// Passing through here also renews the session cookie, which is what makes the idle timeout roll,
// and gives every page its Content-Security-Policy with a fresh nonce (lib/http/security-headers.ts).
import NextAuth from 'next-auth';
import { NextRequest, NextResponse, type NextFetchEvent, type NextMiddleware } from 'next/server';
import { malformedApiPathResponse } from '@/lib/api/malformed-path';
import { buildBaseAuthConfig } from '@/lib/auth/base-config';
import { getEnv } from '@/lib/env';
import { createNonce, isHttpsRequest, pageContentSecurityPolicy } from '@/lib/http/security-headers';

// Built eagerly: with a lazy config, auth(handler) returns a promise, not the function the proxy must export.
const { auth } = NextAuth(buildBaseAuthConfig());

const PROTECTED = ['/hq', '/store'];

/**
 * 303 for anything but GET/HEAD: the browser then follows with a GET. A 307 would make it re-send
 * the form body — maybe a password — to the new URL.
 */
function redirectTo(request: NextRequest, url: URL): NextResponse {
  return NextResponse.redirect(url, request.method === 'GET' || request.method === 'HEAD' ? 307 : 303);
}

// next-auth types auth(handler) for route handlers too; as the proxy it is a middleware.
const pageProxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  const isProtected = PROTECTED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  const user = request.auth?.user;
  if (isProtected && !user) {
    const login = new URL('/login', request.nextUrl);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return redirectTo(request, login);
  }
  if (user?.role === 'CLERK' && (pathname === '/hq' || pathname.startsWith('/hq/'))) {
    return redirectTo(request, new URL('/denied', request.nextUrl));
  }

  const nonce = createNonce();
  const csp = pageContentSecurityPolicy(nonce, {
    dev: getEnv().NODE_ENV === 'development',
    https: isHttpsRequest(request.nextUrl, request.headers.get('x-forwarded-proto')),
  });
  // Next.js takes the nonce for its scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
});

const WALLET_API_PATH = /^\/(?:api\/)?v1(?:\/|$)/;

/**
 * Proxies append to X-Forwarded-Proto / -Host (`https, http`), and a client can send such a list
 * itself; next-auth builds its URL from them and fails on a list. Keep the first entry, the one
 * the outermost proxy saw.
 */
function withSingleForwardedValues(request: NextRequest): NextRequest {
  let headers: Headers | undefined;
  for (const name of ['x-forwarded-proto', 'x-forwarded-host']) {
    const value = request.headers.get(name);
    if (value?.includes(',')) {
      headers ??= new Headers(request.headers);
      headers.set(name, value.split(',')[0]!.trim());
    }
  }
  return headers ? new NextRequest(request, { headers }) : request;
}

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  // The Wallet API (the till's hot path) skips the session machinery: only its path is checked,
  // before Next.js decodes the path's parameters, which it answers with a plain-text 500.
  if (WALLET_API_PATH.test(pathname)) return malformedApiPathResponse(pathname) ?? NextResponse.next();
  return (pageProxy as unknown as NextMiddleware)(withSingleForwardedValues(request), event);
}

export const config = {
  // Pages go through the session check and get a page CSP; the JSON APIs (/api, and /v1 which is
  // rewritten to /api/v1) need no session cookie and no page CSP (next.config.js gives them a
  // `default-src 'none'` one). Of the Wallet API only the paths holding a `%` come here, for the
  // path check: the matcher sees the raw path, and a path without one always decodes, so the
  // till's requests skip the proxy (and the NextRequest it builds) altogether. Tested with every
  // malformed form under /v1 and /api/v1 in lib/api/hostile-input.http.test.ts.
  matcher: ['/((?!api/|v1/|_next/static|_next/image|favicon.ico|robots.txt).*)', '/v1', '/v1/(.*%.*)', '/api/v1/(.*%.*)'],
};
