// @ts-check
import createNextIntlPlugin from 'next-intl/plugin';
import { API_CONTENT_SECURITY_POLICY, FIXED_HEADERS, FORWARDED_HTTPS_PATTERN, HSTS } from './lib/http/fixed-headers.mjs';

/** next-intl: the UI's language per request, from i18n/request.ts. */
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

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
  // Security headers for every response (pages, API JSON, static files; lib/http/fixed-headers.mjs,
  // which the Wallet API's own Node.js path sends too). Pages also get a Content-Security-Policy
  // with a per-request nonce from proxy.ts (lib/http/security-headers.ts).
  async headers() {
    return [
      { source: '/:path*', headers: [...FIXED_HEADERS] },
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: FORWARDED_HTTPS_PATTERN }], headers: [HSTS] },
      ...['/api/:path*', '/v1/:path*'].map((source) => ({ source, headers: [API_CONTENT_SECURITY_POLICY] })),
    ];
  },
};

export default withNextIntl(nextConfig);
