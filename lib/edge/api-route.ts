/**
 * The wrapper every Wallet API route handler goes through, so none can skip a step:
 * request id → account id from the path → bearer token → the client still exists and is not
 * revoked → token is for this account → scope → path text → body size/JSON/zod → handler → JSON
 * or the one error shape. Strings with NUL or unpaired surrogates (lib/input/well-formed.ts) are
 * refused in the path (400) and in the body and query (422, like any schema error). Business rules stay in lib/cards; this file only deals with HTTP.
 */
import { ZodError, type z } from 'zod';
import { loadApiClientActor } from '@/lib/api-clients/authenticate-api-client';
import type { ApiClientActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { malformedTextIssues, safeParseInput } from '@/lib/input/well-formed';
import { verifyAccessToken } from '@/lib/api/access-token';
import { handleRequest } from './handle-request';
import { jsonResponse } from './respond';
import { OPERATIONS, type Operation, type OperationName, type OperationSpec } from '@/lib/api/operations';
import { scopesAllow } from '@/lib/auth/scopes';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const ACCOUNT_ID = /^[PT]\d{8}$/;

type BodyOf<N extends OperationName> = Operation<N> extends { body: infer S extends z.ZodType } ? z.output<S> : never;
type QueryOf<N extends OperationName> = Operation<N> extends { query: infer S extends z.ZodType } ? z.output<S> : never;

export interface ApiContext<P, N extends OperationName = OperationName> {
  request: Request;
  requestId: string;
  actor: ApiClientActor;
  /** Path parameters, already percent-decoded once by Next.js: use them as they are. */
  params: P;
  /** Parses the JSON body with the operation's declared schema; malformed JSON → 400, schema errors → 422. */
  body(): Promise<BodyOf<N>>;
  /** Parses the query string with the operation's declared schema (422 on errors). */
  query(): QueryOf<N>;
}

export type ApiResult = { status?: number; body: unknown; headers?: Record<string, string> };

export function zodDetails(error: z.ZodError) {
  return { issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  // Counted in bytes as received: decoding first would drop a leading BOM (3 bytes) and let a body
  // cut at MAX_BODY_BYTES + 1 (lib/edge/node-api.ts) pass as shorter than the limit.
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'The request body is not valid JSON.');
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = safeParseInput(schema, value);
  if (!parsed.success) throw new AppError('UNPROCESSABLE', 'The request is invalid.', zodDetails(parsed.error));
  return parsed.data;
}

async function authenticate(request: Request, accountId: string): Promise<ApiClientActor> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'Send an access token: Authorization: Bearer <token>.');
  const claims = await verifyAccessToken(match[1]);
  const actor = await loadApiClientActor(claims.apiClientId);
  if (!actor) throw new AppError('UNAUTHENTICATED', 'The access token is missing, invalid or expired.');
  if (claims.accountId !== accountId || actor.accountId !== accountId) {
    throw new AppError('FORBIDDEN', 'This access token is not valid for that account.');
  }
  return { ...actor, scopes: claims.scopes.filter((s) => actor.scopes.includes(s)) };
}

/**
 * The handler of the declared operation `name` (lib/api/operations.ts): its scope rule and its
 * request schemas come from the declaration, so the route, the OpenAPI document and the
 * compatibility table cannot disagree.
 */
export function apiRoute<N extends OperationName, P extends { aid: string } = { aid: string }>(
  name: N,
  handler: (ctx: ApiContext<P, N>) => Promise<ApiResult>,
) {
  const spec: OperationSpec = OPERATIONS[name];
  const operation = spec.access;
  return (request: Request, { params }: { params: Promise<P> }): Promise<Response> =>
    handleRequest(name, 'api', request, async (requestId) => {
      const resolved = await params;
      if (!ACCOUNT_ID.test(resolved.aid)) throw new AppError('NOT_FOUND', 'Unknown account.');
      const actor = await authenticate(request, resolved.aid);
      if (!scopesAllow(actor.scopes, operation)) {
        throw new AppError('FORBIDDEN', 'The access token lacks the scope this operation needs.', { operation });
      }
      // Next.js has decoded the path once: `%00` is a NUL here, which no id holds and PostgreSQL cannot take.
      const badPath = malformedTextIssues(resolved);
      if (badPath.length > 0) {
        throw new AppError('INVALID_INPUT', 'The URL holds a NUL character or text that is not valid Unicode.', zodDetails(new ZodError(badPath)));
      }
      const url = new URL(request.url);
      const result = await handler({
        request,
        requestId,
        actor,
        params: resolved,
        body: async () => parseWith(declared(spec.body, name, 'body'), await readJsonBody(request)) as BodyOf<N>,
        query: () => parseWith(declared(spec.query, name, 'query'), Object.fromEntries(url.searchParams.entries())) as QueryOf<N>,
      });
      return jsonResponse(result.body, result.status ?? 200, { 'x-request-id': requestId, ...result.headers });
    });
}

function declared(schema: z.ZodType | undefined, name: string, part: string): z.ZodType {
  if (!schema) throw new Error(`Operation ${name} declares no ${part} schema.`);
  return schema;
}

/** Marks a response that repeats an earlier result (Idempotency-Key or ref_id replay). */
export function replayHeaders(isReplay: boolean): Record<string, string> {
  return isReplay ? { 'idempotent-replayed': 'true' } : {};
}
