// Next.js's own copy of the `compression` middleware (next/dist/compiled/compression), which it
// uses for every response it sends; lib/edge/node-api.ts uses it too, so the Wallet API's Node.js
// path compresses exactly as Next.js does (gzip or deflate; the npm package would also pick brotli).
declare module 'next/dist/compiled/compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  export default function compression(options?: { threshold?: number | string; level?: number }): Middleware;
}
