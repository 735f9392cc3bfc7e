/**
 * Hands the Wallet API's Node.js path (node-api.ts) with its route table to the production server
 * (scripts/next-server.mjs), which is plain JavaScript outside Next.js's build: instrumentation.ts
 * calls this when the server starts, and the server picks the handler up from globalThis under
 * this symbol. Node.js only (instrumentation.ts is also compiled for the Edge runtime).
 */
import { NODE_API_ROUTES } from '@/app/api/v1/node-routes';
import { createNodeApiHandler } from './node-api';

export const NODE_API_HANDLER = Symbol.for('cardstock.nodeApiHandler');

export function registerNodeApiHandler(): void {
  (globalThis as Record<symbol, unknown>)[NODE_API_HANDLER] = createNodeApiHandler(NODE_API_ROUTES);
}
