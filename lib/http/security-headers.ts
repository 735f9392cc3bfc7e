/**
 * Security headers. The fixed ones (nosniff, framing, referrer, Permissions-Policy, COOP/CORP,
 * HSTS over https) are set for every response in next.config.js — pages, API JSON, static files.
 * The Content-Security-Policy of pages needs a fresh nonce per request, so proxy.ts sets it with
 * `pageContentSecurityPolicy`: Next.js reads the nonce from the request's CSP header and puts it
 * on its own scripts; with 'strict-dynamic' only scripts carrying it (or loaded by them) run.
 * That makes every page render per request (app/layout.tsx awaits `connection()`).
 */

/** 16 random bytes, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the request reached the first proxy over https: the left-most X-Forwarded-Proto entry
 * (or the URL itself). Only used for HSTS and upgrade-insecure-requests, which a browser ignores
 * on a plain-http response anyway, so a client that sends a false header gains nothing.
 */
export function isHttpsRequest(url: URL, forwardedProto: string | null): boolean {
  if (url.protocol === 'https:') return true;
  const first = forwardedProto?.split(',', 1)[0]?.trim().toLowerCase();
  return first === 'https';
}

export function pageContentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${options.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Barcodes are PNG data URLs.
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
