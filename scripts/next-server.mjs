// @ts-check
/**
 * The production server (`npm start`, `npm run demo`, the HTTP and e2e tests, the bench): Next.js
 * as a custom server (https://nextjs.org/docs/app/guides/custom-server) on one node:http server,
 * with one addition — a Wallet API request under /v1/accounts/{aid}/… goes to the API's own
 * Node.js path first (lib/edge/node-api.ts), which answers it with the route file's handler
 * without Next.js's router and response pipeline, and hands anything unusual back here for
 * Next.js. That path is built by Next.js itself (instrumentation.ts registers it on globalThis
 * when the server starts), so it runs the same compiled modules as every page and action.
 *
 * `node scripts/next-server.mjs [-p PORT] [-H HOSTNAME]`, from the app's directory, after
 * `next build`. Plain JavaScript, so production needs nothing but Node.js to run it.
 * On SIGTERM or SIGINT it does what `next start` does: stops accepting connections, lets the
 * requests in flight finish, closes Next.js and exits with 128 + the signal's number.
 */
import http from 'node:http';
import next from 'next';

const NODE_API_HANDLER = Symbol.for('cardstock.nodeApiHandler');

/** @param {string} name @param {string | undefined} fallback */
function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const port = Number(option('-p', process.env.PORT ?? '3000'));
const hostname = option('-H', undefined);
// What the `next` command sets before `next start`: the production build runs as production, and
// instrumentation.ts (the worker, the Wallet API's path) checks NEXT_RUNTIME to know it is on Node.js.
process.env.NODE_ENV = 'production';
process.env.NEXT_RUNTIME = 'nodejs';

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? 'localhost', port });
await app.prepare();
const handleWithNext = app.getRequestHandler();

/**
 * The Wallet API's path, once instrumentation.ts has registered it: Next.js runs register() when
 * the first request reaches a route (the readiness check's GET /login, typically), not in
 * prepare(). Until then Next.js answers the API as well — the same handlers, only slower.
 * @returns {((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined}
 */
function walletApi() {
  return /** @type {any} */ (globalThis)[NODE_API_HANDLER];
}

const server = http.createServer((req, res) => {
  if (walletApi()?.(req, res)) return;
  handleWithNext(req, res).catch((/** @type {unknown} */ error) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end('Internal Server Error');
    } else {
      res.destroy();
    }
  });
});

// (WebSocket upgrades, none today: Next.js's custom server registers its own handler on this
// server at the first request.)
server.on('error', (error) => {
  console.error('Failed to start server', error);
  process.exit(1);
});

server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname ?? 'localhost'}:${port}`);
});

let stopping = false;
/** @param {'SIGINT' | 'SIGTERM'} signal */
function stop(signal) {
  if (stopping) return;
  stopping = true;
  server.close((error) => {
    if (error) console.error('Closing the server failed', error);
    void app.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
// As `next start`: NEXT_MANUAL_SIG_HANDLE leaves the signals to the application.
if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
