// Convenience redirects only: signed-out users to the login page, clerks away from HQ URLs.
// Every page, action and route checks authorization again on the server (lib/auth/session.ts).
// Passing through here also renews the session cookie, which is what makes the idle timeout roll.
import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { malformedApiPathResponse } from '@/lib/api/malformed-path';
import { buildBaseAuthConfig } from '@/lib/auth/base-config';

// Built eagerly: with a lazy config, auth(handler) returns a promise, not the function the proxy must export.
const { auth } = NextAuth(buildBaseAuthConfig());

const PROTECTED = ['/hq', '/store'];

export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  // Before Next.js decodes the path's parameters, which it answers with a plain-text 500.
  const malformed = malformedApiPathResponse(pathname);
  if (malformed) return malformed;
  if (pathname.startsWith('/api/')) return NextResponse.next(); // matched only for that check
  const isProtected = PROTECTED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  const user = request.auth?.user;
  if (isProtected && !user) {
    const login = new URL('/login', request.nextUrl);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    // 303 for form posts: a 307 would make the browser re-send the form (maybe a password) to /login.
    return NextResponse.redirect(login, request.method === 'GET' || request.method === 'HEAD' ? 307 : 303);
  }
  if (user?.role === 'CLERK' && (pathname === '/hq' || pathname.startsWith('/hq/'))) {
    return NextResponse.redirect(new URL('/denied', request.nextUrl));
  }
  return NextResponse.next();
});

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)', '/api/v1/:path*'],
};
