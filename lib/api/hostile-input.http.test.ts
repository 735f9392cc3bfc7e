/**
 * Hostile strings and paths over real HTTP (`next start`, real PostgreSQL): NUL characters and
 * unpaired surrogates anywhere in a body, query or path, format objects that are not objects,
 * paths that are not valid percent-encoded UTF-8, and paths no endpoint serves. Every answer is a
 * 4xx in the error shape, and nothing is written.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiBaseUrl, apiFetch, openApiDb, type ApiResponse } from '@/lib/testing/http-client';
import { activeCard, createApiClient, createBatch, DEMO_ACCOUNT, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';

let db: PrismaClient;
let admin: string;

beforeAll(async () => {
  db = openApiDb();
  admin = (await createApiClient(db, DEMO_ACCOUNT, ['admin:wallets'])).token;
});
afterAll(async () => {
  await db.$disconnect();
});

function expectError(res: ApiResponse<unknown>, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
}

function issuePaths(res: ApiResponse<{ error: { details?: { issues?: { path: string }[] } } }>): string[] {
  return (res.body?.error.details?.issues ?? []).map((i) => i.path);
}

/** A request sent byte for byte (fetch would normalise `..` and percent-encoding). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; text: string; location?: string }> {
  const base = new URL(apiBaseUrl());
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cardCount = (prefix: string) => db.card.count({ where: { accountId: DEMO_ACCOUNT, cardId: { startsWith: prefix } } });

describe('NUL characters and unpaired surrogates in bodies and queries', () => {
  it('POST /cards: in card_id, name, a metadata value or key → 422 naming the field; no card', async () => {
    const prefix = uniqueId('nul');
    const base = { amount: 100, currency: 'NOK' };
    const cases: [unknown, string][] = [
      [{ ...base, card_id: `${prefix}-\u0000` }, 'card_id'],
      [{ ...base, card_id: `${prefix}-1`, name: 'a\u0000b' }, 'name'],
      [{ ...base, card_id: `${prefix}-2`, customer_id: 'c\ud800' }, 'customer_id'],
      [{ ...base, card_id: `${prefix}-3`, metadata: { note: '\ud83d' } }, 'metadata.note'],
      [{ ...base, card_id: `${prefix}-4`, metadata: { note: 'x\u0000' } }, 'metadata.note'],
      [{ ...base, card_id: `${prefix}-5`, metadata: { ['k\u0000']: 'v' } }, 'metadata'],
      [{ ...base, card_id: `${prefix}-6`, metadata: { ['\udc00']: 'v' } }, 'metadata'],
    ];
    for (const [body, path] of cases) {
      const res = await apiFetch(`${wallet()}/cards`, { token: admin, body });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(issuePaths(res)).toEqual([path]);
      expect(res.text).not.toContain('\\u0000');
    }
    expect(await cardCount(prefix)).toBe(0);
  });

  it('POST /cards/batch: a NUL in one card id refuses the whole batch', async () => {
    const prefix = uniqueId('nulb');
    const res = await createBatch(admin, [`${prefix}-ok`, `${prefix}-\u0000`]);
    expectError(res, 422, 'UNPROCESSABLE');
    expect(issuePaths(res)).toEqual(['cards.1.card_id']);
    expect(await cardCount(prefix)).toBe(0);
  });

  it('activate, transactions and info: NUL or a surrogate in any string → 422; the card is unchanged', async () => {
    const id = uniqueId();
    expect((await createBatch(admin, [id])).status).toBe(200);
    const activate = await apiFetch(`${wallet()}/cards/${id}/activate`, { token: admin, body: { amount: 500, currency: 'NOK', originated_by: 'till\u0000' } });
    expectError(activate, 422, 'UNPROCESSABLE');
    expect(issuePaths(activate)).toEqual(['originated_by']);
    expect(await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId: id } })).toMatchObject({ status: 'inactive', balance: 0n });

    const card = await activeCard(admin, 1000);
    const pk = (await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId: card.cardId } })).id;
    const before = await db.cardTransaction.count({ where: { cardPk: pk } });
    for (const body of [
      { ref_id: 'r\u0000', amount: 1, currency: 'NOK', card_id: card.cardId, type: 'fund' },
      { ref_id: uniqueId('ref'), amount: 1, currency: 'NOK', token: card.token, metadata: { till: '\ud800' } },
    ]) {
      expectError(await apiFetch(`${wallet()}/transactions`, { token: admin, body }), 422, 'UNPROCESSABLE');
    }
    expect(await db.cardTransaction.count({ where: { cardPk: pk } })).toBe(before);
    expectError(await apiFetch(`${wallet()}/info`, { token: admin, body: { token: `${card.token}\u0000` } }), 422, 'UNPROCESSABLE');
    expectError(await apiFetch(`${wallet()}/info`, { token: admin, body: { card_id: card.cardId, pin: '\udfff' } }), 422, 'UNPROCESSABLE');
  });

  it('a query parameter with a NUL → 422 naming it', async () => {
    const res = await apiFetch(`${wallet()}/cards?starting_after=%00`, { token: admin });
    expectError(res, 422, 'UNPROCESSABLE');
    expect(issuePaths(res)).toEqual(['starting_after']);
  });
});

describe('format objects that are missing or null', () => {
  it('POST /cards, /cards/batch: {"pin":{}} and {"pin":{"format":null}} → 422 naming pin.format; no card', async () => {
    const prefix = uniqueId('fmt');
    for (const pin of [{}, { format: null }]) {
      const single = await apiFetch(`${wallet()}/cards`, { token: admin, body: { card_id: `${prefix}-1`, amount: 100, currency: 'NOK', pin } });
      expectError(single, 422, 'UNPROCESSABLE');
      expect(issuePaths(single)).toEqual(['pin.format']);
      const batch = await createBatch(admin, [`${prefix}-2`], { pin, card_token: { format: null } });
      expectError(batch, 422, 'UNPROCESSABLE');
      expect(issuePaths(batch).sort()).toEqual(['options.card_token.format', 'options.pin.format']);
    }
    expect(await cardCount(prefix)).toBe(0);
  });

  it('rotate-pin: the same bodies → 422; the PIN is unchanged', async () => {
    const card = await activeCard(admin);
    const { pinHash } = await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId: card.cardId } });
    for (const body of [{ pin: {} }, { pin: { format: null } }, { pin: null }]) {
      const res = await apiFetch(`${wallet()}/cards/${card.cardId}/rotate-pin`, { token: admin, body });
      expectError(res, 422, 'UNPROCESSABLE');
    }
    expect((await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId: card.cardId } })).pinHash).toBe(pinHash);
  });
});

describe('paths', () => {
  it('a NUL in a path id (%00) → 400 naming the parameter, on reads and writes', async () => {
    for (const [method, path] of [
      ['GET', `${wallet()}/cards/gc%00x`],
      ['GET', `${wallet()}/cards/gc%00x/transactions`],
      ['POST', `${wallet()}/cards/gc%00x/activate`],
      ['POST', `${wallet()}/cards/gc%00x/rotate-pin`],
    ] as const) {
      const body =
        method === 'POST' ? (path.endsWith('activate') ? { amount: 1, currency: 'NOK' } : { pin: { format: { length: 4, numbers: true } } }) : undefined;
      const res = await apiFetch(path, { method, token: admin, body });
      expectError(res, 400, 'INVALID_INPUT');
      expect(issuePaths(res)).toEqual(['cardId']);
    }
  });

  it('malformed percent-encoding (%ZZ, overlong %C0%AF, an encoded surrogate) → 400 in the error shape, under /v1 and /api/v1', async () => {
    for (const bad of ['%ZZ', '%C0%AF', '%ED%A0%80', 'gc%']) {
      for (const [method, path] of [
        ['GET', `${wallet()}/cards/${bad}`],
        ['POST', `${wallet()}/cards/${bad}/activate`],
        ['GET', `/api${wallet()}/cards/${bad}`],
        ['GET', `/v1/accounts/${bad}/wallets/cards`],
        ['POST', `${wallet()}/transactions/${bad}/capture`],
      ] as const) {
        const res = await rawRequest(method, path, { authorization: `Bearer ${admin}` });
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(400);
        expect(res.type).toMatch(/^application\/json/);
        expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
      }
    }
  });

  it('unknown paths, /v1 itself and paths `..` resolves elsewhere → a JSON 404 in the error shape, for every method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of [
        '/v1',
        '/v1/nothing',
        `${wallet()}`,
        `${wallet()}/cards/x/unknown`,
        `${wallet()}/cards/../../x`,
        `${wallet()}/cards/x/..%2F..%2Fy`,
        '/api/v1/nothing',
      ]) {
        const res = await rawRequest(method, path, { authorization: `Bearer ${admin}` });
        expect(res.status, `${method} ${path}: ${res.text.slice(0, 200)}`).toBe(404);
        expect(res.type).toMatch(/^application\/json/);
        expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      }
    }
  });
});
