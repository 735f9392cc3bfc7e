/**
 * The OpenAPI 3.1 document of the Wallet API, generated from the same zod schemas the routes
 * validate with (zod 4's built-in JSON Schema output, which is OpenAPI 3.1's schema dialect) —
 * so the document cannot drift from what the server accepts.
 */
import { z } from 'zod';
import {
  activateCardSchema,
  captureSchema,
  cardInfoSchema,
  createBatchSchema,
  createCardSchema,
  createTransactionSchema,
  rotatePinSchema,
  voidSchema,
} from '@/lib/cards/schemas';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNPROCESSABLE', 'LIMIT_EXCEEDED'],
        },
        message: { type: 'string' },
        details: {},
      },
    },
  },
};

const errors = Object.fromEntries(
  [
    ['400', 'Malformed JSON'],
    ['401', 'Missing, invalid or expired access token'],
    ['403', 'Token lacks the scope, or is for another account'],
    ['404', 'Not found'],
    ['409', 'Conflict with the card’s state, a duplicate, or a reused ref_id / Idempotency-Key'],
    ['413', 'Body too large'],
    ['422', 'Validation failed (details.issues lists every problem)'],
    ['429', 'Too many wrong PINs on this card'],
  ].map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
);

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description: 'Repeat the request safely: the same key and body return the original result once more.',
};
const cardIdParam = { name: 'card_id', in: 'path', required: true, schema: { type: 'string', maxLength: 255 } };
const txIdParam = { name: 'transaction_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

function op(summary: string, scopes: string[], body?: z.ZodType, extra: Record<string, unknown> = {}) {
  return {
    summary,
    security: [{ bearer: scopes }],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(body) } } } } : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors },
    ...extra,
  };
}

const W = ['admin:wallets', 'write:wallets'];
const R = ['admin:wallets', 'write:wallets', 'read:wallets'];
const T = ['admin:wallets', 'write:wallets', 'write:wallets:/transactions'];

export function buildOpenApiDocument(serverUrl: string) {
  const base = '/v1/accounts/{aid}';
  const w = `${base}/wallets`;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cardstock Wallet / Cards API',
      version: '1.0.0',
      description: 'Compatible with Dintero’s Wallet / Cards API. Amounts are integers in minor units.',
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
    paths: {
      [`${base}/auth/token`]: {
        post: {
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
      [`${w}/cards`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }],
        get: op('List cards', R, undefined, {
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
            { name: 'starting_after', in: 'query', schema: { type: 'string' } },
          ],
        }),
        post: op('Create one card with a balance (secrets returned once)', W, createCardSchema),
      },
      [`${w}/cards/batch`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }],
        post: op('Create up to 10,000 inactive cards; secrets returned once', W, createBatchSchema, { parameters: [idempotencyKey] }),
      },
      [`${w}/cards/{card_id}`]: { parameters: [{ $ref: '#/components/parameters/aid' }, cardIdParam], get: op('Get a card', R) },
      [`${w}/cards/{card_id}/activate`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }, cardIdParam],
        post: op('Activate an inactive card and load its balance', W, activateCardSchema, { parameters: [idempotencyKey] }),
      },
      [`${w}/cards/{card_id}/transactions`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }, cardIdParam],
        get: op('List a card’s transactions', R),
      },
      [`${w}/cards/{card_id}/rotate-pin`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }, cardIdParam],
        post: op('Rotate (or add) the PIN; the new PIN is returned once', W, rotatePinSchema),
      },
      [`${w}/info`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }],
        post: op('Balance check by token, or card_id + PIN', [...R, 'write:wallets:/transactions'], cardInfoSchema),
      },
      [`${w}/transactions`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }],
        post: op('Drawdown (optionally pending) or fund; idempotent per ref_id', T, createTransactionSchema),
      },
      [`${w}/transactions/{transaction_id}/capture`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }, txIdParam],
        post: op('Capture a pending drawdown, fully or partly', T, captureSchema),
      },
      [`${w}/transactions/{transaction_id}/void`]: {
        parameters: [{ $ref: '#/components/parameters/aid' }, txIdParam],
        post: op('Void what is left of a pending drawdown', T, voidSchema),
      },
    },
  };
}
