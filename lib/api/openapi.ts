/**
 * The OpenAPI 3.1 document of the Wallet API, generated from the operation declarations
 * (lib/api/operations.ts: path, method, scope rule, the very zod schemas the routes validate with)
 * and from the error table (lib/errors.ts) — so the document cannot drift from what the server
 * does. zod 4's built-in JSON Schema output is OpenAPI 3.1's schema dialect.
 */
import { z } from 'zod';
import { ERROR_STATUS } from '@/lib/errors';
import { OPERATIONS, type OperationSpec } from './operations';
import { scopesFor } from '@/lib/auth/scopes';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;

/** What each status means for a client; every code of the error table has one. */
const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed JSON or request',
  401: 'Missing, invalid or expired access token',
  403: 'Token lacks the scope, or is for another account',
  404: 'Not found',
  409: 'Conflict with the card’s state, a duplicate, or a reused ref_id / Idempotency-Key',
  413: 'Body too large',
  422: 'Validation failed (details.issues lists every problem)',
  429: 'Too many wrong PINs on this card, or too many unknown cards from this caller (details.reason)',
  500: 'Internal error (the message names the request id)',
  503: 'The server is busy; nothing was changed, retry (Retry-After)',
};

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...Object.keys(ERROR_STATUS), 'INTERNAL'] },
        message: { type: 'string' },
        details: {},
      },
    },
  },
};

const errors = Object.fromEntries(
  [...new Set([...Object.values(ERROR_STATUS), 500])]
    .sort((a, b) => a - b)
    .map((status) => [
      String(status),
      { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
);

const PATH_PARAMS: Record<string, Record<string, unknown>> = {
  card_id: { type: 'string', maxLength: 255 },
  customer_id: { type: 'string', maxLength: 255 },
  transaction_id: { type: 'string', format: 'uuid' },
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description: 'Repeat the request safely: the same key and body return the original result once more.',
};

function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const json = schema(query) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}

function operationObject(name: string, spec: OperationSpec) {
  const pathParams = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: PATH_PARAMS[m[1]!] ?? { type: 'string' },
  }));
  return {
    operationId: name,
    summary: spec.summary,
    ...(spec.dintero.notes ? { description: spec.dintero.notes } : {}),
    tags: [spec.dintero.status === 'extension' ? 'Cardstock extensions' : 'Wallet (Dintero-compatible)'],
    'x-dintero': spec.dintero.status,
    security: [{ bearer: [...scopesFor(spec.access)] }],
    parameters: [{ $ref: '#/components/parameters/aid' }, ...pathParams, ...queryParameters(spec.query), ...(spec.idempotencyKey ? [idempotencyKey] : [])],
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(spec.body) } } } } : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: spec.respondsWithArray ? 'array' : 'object' } } } }, ...errors },
  };
}

export function buildOpenApiDocument(serverUrl: string) {
  const base = '/v1/accounts/{aid}';
  const paths: Record<string, Record<string, unknown>> = {
    [`${base}/auth/token`]: {
      post: {
        operationId: 'auth.token',
        summary: 'Get an access token (client credentials, HTTP Basic)',
        security: [{ basic: [] }],
        parameters: [{ $ref: '#/components/parameters/aid' }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['grant_type'], properties: { grant_type: { const: 'client_credentials' }, audience: { type: 'string' } } },
            },
          },
        },
        responses: { '200': { description: 'access_token, token_type Bearer, expires_in (seconds)' }, ...errors },
      },
    },
  };
  for (const [name, spec] of Object.entries(OPERATIONS) as [string, OperationSpec][]) {
    const path = `${base}${spec.path}`;
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operationObject(name, spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cardstock Wallet / Cards API',
      version: '1.1.0',
      description: 'Compatible with Dintero’s Wallet / Cards API (docs/COMPATIBILITY.md). Amounts are integers in minor units.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        basic: { type: 'http', scheme: 'basic' },
      },
      schemas: { Error: errorBody },
      parameters: { aid: { name: 'aid', in: 'path', required: true, schema: { type: 'string', pattern: '^[PT]\\d{8}$' } } },
    },
    paths,
  };
}
