/**
 * The Wallet API's own way in under `npm start` (scripts/next-server.mjs): a request for one of
 * the API's routes under /v1/accounts/{aid}/… is answered here, from the Node.js request, by the
 * route file's own handler (app/api/v1/node-routes.ts) — the same apiRoute/publicRoute wrapper,
 * the same steps, the same answers — without Next.js's router, request adapters and response
 * pipeline, which took about 2 ms of a till request's 3.5 ms of CPU (docs/BENCHMARKS.md).
 *
 * What Next.js would have added around the handler is added here too, and nothing else:
 * - the fixed security headers (lib/http/fixed-headers.mjs, as next.config.js sends them), HSTS
 *   behind an https proxy, the API's Content-Security-Policy;
 * - the `x-forwarded-*` request headers Next.js fills in when a proxy did not (the token
 *   endpoint's per-address limit reads X-Forwarded-For), from `req.headers` as Next.js reads them
 *   (a repeated Authorization or Host keeps its first value);
 * - compression: Next.js's own copy of the `compression` middleware (gzip or deflate, never brotli),
 *   so a client gets the encoding it always got.
 *
 * Anything unusual is left to Next.js, which answers it as before (lib/edge/node-api.http.test.ts
 * compares the two servers): another method than the route file exports (HEAD, OPTIONS, 405s),
 * any path holding `%` or a character outside RFC 3986's path characters (a backslash, `#`), an
 * empty, `.` or `..` segment, a path no route file matches (the JSON 404), /v1/openapi.json. The
 * one exception is a path that is not valid percent-encoding at all: answered here with the API's
 * JSON 400 (lib/api/malformed-path.ts), also when it starts /V1/, which the proxy does not see and
 * Next.js answered with a plain-text 500.
 *
 * The request body is a stream the handler reads only when it parses the body — after the token
 * and scope checks, as under Next.js, so an unauthenticated caller cannot make the server hold its
 * body. It ends after MAX_BODY_BYTES + 1 bytes: a longer body is cut there (the handler refuses it
 * with 413 by its byte length, as it refuses a declared Content-Length over the limit) and the
 * connection is closed after the answer, so an unbounded body is never held in memory.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'next/dist/compiled/compression';
import { malformedApiPathResponse } from '@/lib/api/malformed-path';
import { API_CONTENT_SECURITY_POLICY, FIXED_HEADERS, FORWARDED_HTTPS_PATTERN, HSTS } from '@/lib/http/fixed-headers.mjs';
import { MAX_BODY_BYTES } from './api-route';
import { errorResponse } from './respond';

/** A route file's exports: its method handlers (GET, POST, …). */
export type RouteModule = Record<string, unknown>;
/** A route file's folder below app/api/v1 (`accounts/[aid]/wallets/info`) and its module. */
export type NodeApiRoute = readonly [folder: string, module: RouteModule];

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Segment = { text: string; param?: undefined } | { param: string; text?: undefined };
interface CompiledRoute {
  folder: string;
  segments: Segment[];
  module: RouteModule;
}

/** A match: the route file's handler for this method and the path parameters, decoded. */
export interface NodeApiMatch {
  folder: string;
  handler: RouteHandler;
  params: Record<string, string>;
}

/** What to do with a request: answer it here, answer the malformed-path 400, or leave it to Next.js. */
export type NodeApiDecision = { kind: 'route'; match: NodeApiMatch } | { kind: 'malformed'; response: Response } | { kind: 'next' };

/** /v1/… (the rewrite Next.js applies is case-insensitive) and /api/v1/… (its target, case-sensitive). */
const PREFIX = /^\/(?:[vV]1|api\/v1)\//;
/** RFC 3986 path characters (pchar and `/`), without `%`: anything else is Next.js's to answer. */
const PLAIN_PATH = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]+$/;
const HTTPS = new RegExp(`^(?:${FORWARDED_HTTPS_PATTERN})$`);

function compile(folder: string, module: RouteModule): CompiledRoute {
  const segments = folder.split('/').map((s): Segment => (s.startsWith('[') && s.endsWith(']') ? { param: s.slice(1, -1) } : { text: s }));
  return { folder, segments, module };
}

/** Next.js's order: at the first segment where two routes differ, a fixed segment before a parameter. */
function byPrecedence(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const sa = a.segments[i]!;
    const sb = b.segments[i]!;
    if (sa.param === undefined && sb.param !== undefined) return -1;
    if (sa.param !== undefined && sb.param === undefined) return 1;
  }
  return a.segments.length - b.segments.length;
}

/**
 * The router over the route table: `decide(method, url)` says who answers. Pure, so the unit test
 * can walk every case without a server.
 */
export function createNodeApiRouter(routes: readonly NodeApiRoute[]) {
  const compiled = routes.map(([folder, module]) => compile(folder, module)).sort(byPrecedence);

  function find(segments: string[]): CompiledRoute | undefined {
    return compiled.find(
      (route) => route.segments.length === segments.length && route.segments.every((s, i) => s.param !== undefined || s.text === segments[i]),
    );
  }

  return {
    decide(method: string, url: string): NodeApiDecision {
      const query = url.indexOf('?');
      const pathname = query < 0 ? url : url.slice(0, query);
      const prefix = PREFIX.exec(pathname);
      if (!prefix) return { kind: 'next' };
      if (pathname.includes('%')) {
        const response = malformedApiPathResponse(pathname);
        return response ? { kind: 'malformed', response } : { kind: 'next' };
      }
      if (!PLAIN_PATH.test(pathname)) return { kind: 'next' };
      const segments = pathname.slice(prefix[0].length).split('/');
      if (segments.some((s) => s === '' || s === '.' || s === '..')) return { kind: 'next' };
      const route = find(segments);
      const handler = route?.module[method];
      if (!route || typeof handler !== 'function') return { kind: 'next' };
      const params: Record<string, string> = {};
      route.segments.forEach((s, i) => {
        if (s.param !== undefined) params[s.param] = segments[i]!;
      });
      return { kind: 'route', match: { folder: route.folder, handler: handler as RouteHandler, params } };
    },
  };
}

/** The request headers as Next.js hands them to a route handler: from `req.headers`, with the `x-forwarded-*` it fills in. */
function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const proto = headers.get('x-forwarded-proto');
  if (!headers.has('x-forwarded-host') && headers.has('host')) headers.set('x-forwarded-host', headers.get('host')!);
  if (!headers.has('x-forwarded-port')) headers.set('x-forwarded-port', String(req.socket.localPort ?? (proto === 'https' ? 443 : 80)));
  if (!proto) headers.set('x-forwarded-proto', 'http');
  if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) headers.set('x-forwarded-for', req.socket.remoteAddress);
  return headers;
}

/**
 * The body as a stream that reads `req` only when the handler reads it (a high-water mark of 0:
 * nothing is pulled before a read), ending after `limit` bytes; `cut` is set when there was more.
 */
function lazyBody(req: IncomingMessage, limit: number, state: { cut: boolean }): ReadableStream<Uint8Array> {
  let size = 0;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (done) return;
          if (size + chunk.length > limit) {
            controller.enqueue(chunk.subarray(0, limit - size));
            done = true;
            state.cut = true;
            controller.close();
            return;
          }
          size += chunk.length;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (done) return;
          done = true;
          controller.close();
        });
        req.on('error', (error) => {
          if (done) return;
          done = true;
          controller.error(error);
        });
        // A client that goes away mid-body: the read fails instead of waiting for ever.
        req.on('close', () => {
          if (done) return;
          done = true;
          controller.error(new Error('The client closed the request before its body was read.'));
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
      },
    },
    { highWaterMark: 0 },
  );
}

const compress = compression();

/** What Next.js never copies from a route handler's Response: the framing is the server's. */
const FRAMING = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);

/** The fixed security headers of every response (next.config.js sends the same). */
function setFixedHeaders(req: IncomingMessage, res: ServerResponse): void {
  for (const { key, value } of FIXED_HEADERS) res.setHeader(key, value);
  const proto = req.headers['x-forwarded-proto'];
  if (typeof proto === 'string' && HTTPS.test(proto)) res.setHeader(HSTS.key, HSTS.value);
  res.setHeader(API_CONTENT_SECURITY_POLICY.key, API_CONTENT_SECURITY_POLICY.value);
}

/**
 * Writes a route handler's Response to the Node.js response as Next.js does: the fixed headers
 * first, and a header they set is not overridden by the handler's (send-response.js).
 */
async function send(req: IncomingMessage, res: ServerResponse, response: Response, closeAfter: boolean): Promise<void> {
  setFixedHeaders(req, res);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && !FRAMING.has(key) && !res.hasHeader(key)) res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (closeAfter) res.setHeader('connection', 'close');
  res.statusCode = response.status;
  // The API's answers are JSON documents built in memory (lib/edge/respond.ts): no stream to pipe.
  const body = req.method === 'HEAD' || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  await new Promise<void>((resolve, reject) => {
    // compression wraps res.write/end to compress what is long enough and asked for, as in Next.js.
    compress(req, res, (error?: unknown) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      if (body) res.setHeader('content-length', body.length);
      res.end(body);
      resolve();
    });
  });
}

/**
 * The Node.js request handler for `server`: true when it took the request (it answers it),
 * false when Next.js must (nothing of the request has been read).
 */
export function createNodeApiHandler(routes: readonly NodeApiRoute[]) {
  const router = createNodeApiRouter(routes);
  return function handleNodeApiRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const decision = router.decide(req.method ?? 'GET', req.url ?? '/');
    if (decision.kind === 'next') return false;
    let headers: Headers;
    try {
      headers = requestHeaders(req);
    } catch {
      return false; // a header the Fetch API refuses: Next.js answers as it always has
    }
    void answer(req, res, decision, headers).catch((error: unknown) => {
      if (req.destroyed || res.destroyed) return; // the client went away: nobody to answer
      if (res.headersSent) return void res.destroy();
      // The last resort, when answering failed outside the handler's own error mapping: the one
      // place an error becomes an answer (respond.ts logs it and answers the API's 500).
      void send(req, res, errorResponse(error, { route: 'wallet-api', requestId: randomUUID() }), false).catch(() => res.destroy());
    });
    return true;
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, decision: Exclude<NodeApiDecision, { kind: 'next' }>, headers: Headers) {
  if (decision.kind === 'malformed') {
    req.resume();
    return send(req, res, decision.response, false);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const state = { cut: false };
  // The handlers read only the query of request.url (Next.js builds it from its own host and port too).
  const request = new Request(`http://localhost${req.url}`, {
    method,
    headers,
    ...(hasBody ? { body: lazyBody(req, MAX_BODY_BYTES + 1, state), duplex: 'half' } : {}),
  } as RequestInit);
  const response = await decision.match.handler(request, { params: Promise.resolve(decision.match.params) });
  await send(req, res, response, state.cut);
}
