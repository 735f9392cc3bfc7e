// @ts-check
import createNextIntlPlugin from 'next-intl/plugin';

/** next-intl: the UI's language per request, from i18n/request.ts. */
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');
/** Powerful browser features the app never uses: off for it and anything it could embed. */
const PERMISSIONS_POLICY = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture'].map((feature) => `${feature}=()`).join(', ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time;
  // keep it (and the socket server) out of the bundle so those paths still resolve.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'pino'],
  // Public Wallet API URLs are Dintero's (/v1/accounts/{aid}/…); the handlers live under app/api/v1.
  async rewrites() {
    return [{ source: '/v1/:path*', destination: '/api/v1/:path*' }];
  },
  // Security headers for every response (pages, API JSON, static files). Pages also get a
  // Content-Security-Policy with a per-request nonce from proxy.ts (lib/http/security-headers.ts).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
        ],
      },
      {
        // HSTS only on responses to https requests (as the TLS-terminating proxy reports them);
        // browsers ignore it over plain http anyway, so a forged header changes nothing.
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: '[Hh][Tt][Tt][Pp][Ss]\\s*(,.*)?' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }],
      },
      // JSON APIs load nothing and are never framed.
      ...['/api/:path*', '/v1/:path*'].map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      })),
    ];
  },
};

export default withNextIntl(nextConfig);
