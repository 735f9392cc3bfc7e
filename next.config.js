// @ts-check
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
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
