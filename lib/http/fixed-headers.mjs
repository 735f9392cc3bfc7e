// @ts-check
/**
 * The fixed security headers of every response, in one place for the two servers that send them:
 * next.config.js `headers()` (pages, static files, anything Next.js answers) and the Wallet API's
 * own Node.js path (lib/edge/node-api.ts), which answers the API's routes without Next.js's router.
 * Plain JavaScript because next.config.js imports it; the types are in fixed-headers.d.mts.
 * The per-request page Content-Security-Policy (with its nonce) is lib/http/security-headers.ts.
 */

/** Powerful browser features the app never uses: off for it and anything it could embed. */
const PERMISSIONS_POLICY = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture'].map((feature) => `${feature}=()`).join(', ');

/** Every response. */
export const FIXED_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/**
 * HSTS, only on responses to https requests (as the TLS-terminating proxy reports them in
 * X-Forwarded-Proto); browsers ignore it over plain http anyway, so a forged header changes
 * nothing. The pattern must match the whole header value (Next.js anchors `has` values).
 */
export const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' };
export const FORWARDED_HTTPS_PATTERN = '[Hh][Tt][Tt][Pp][Ss]\\s*(,.*)?';

/** JSON APIs load nothing and are never framed. */
export const API_CONTENT_SECURITY_POLICY = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" };
