// Convenience redirects only: signed-out users to the login page, clerks away from HQ URLs.
// Every page, action and route checks authorization again on the server (lib/auth/session.ts).
// Passing through here also renews the session cookie, which is what makes the idle timeout roll,
// and gives every page its Content-Security-Policy with a fresh nonce (lib/http/security-headers.ts).
import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
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

export default auth((request) => {
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

export const config = {
  // Not the JSON APIs (/api, and /v1 which is rewritten to /api/v1): they need no session cookie
  // and no page CSP (next.config.js gives them a `default-src 'none'` one).
  matcher: ['/((?!api/|v1/|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
