/**
 * The production server answers the Wallet API on its own Node.js path (lib/edge/node-api.ts);
 * plain `next start` answers the same requests through Next.js. Both run on the same database,
 * and a corpus of requests — successes, every kind of refusal, replays, bodies over the limit,
 * gzip, paths the Node.js path leaves to Next.js — must get the same status, the same body (ids
 * and times aside) and the same headers from both. One deliberate difference: a /V1/ path that
 * is not valid percent-encoding is the JSON 400 on the production server, Next.js's plain 500 on
 * its own.
 */
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiBaseUrl, openApiDb } from '@/lib/testing/http-client';
import { startServer, type TestServer } from '@/lib/testing/http-server';
import { activeCard, createApiClient, createBatch, DEMO_ACCOUNT, uniqueId, wallet } from '@/lib/testing/wallet-fixtures';
import { inject } from 'vitest';

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Headers as sent, name and value in turn (a header sent twice). */
  rawHeaders?: string[];
  body?: string | Buffer;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
}

function send(baseUrl: string, req: Req): Promise<Sent> {
  const base = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
  const named: Record<string, string | number> = { ...req.headers };
  if (body && !req.chunked) named['content-length'] = body.length;
  if (body && !named['content-type']) named['content-type'] = 'application/json';
  const headers = req.rawHeaders ? [...Object.entries(named).flatMap(([k, v]) => [k, String(v)]), ...req.rawHeaders] : named;
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: base.hostname, port: base.port, method: req.method ?? (body ? 'POST' : 'GET'), path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.on('error', (error: NodeJS.ErrnoException) => {
      // A server may close the connection while a body over the limit is still being sent.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    if (body && req.chunked) {
      for (let i = 0; i < body.length; i += 256 * 1024) r.write(body.subarray(i, i + 256 * 1024));
      r.end();
    } else {
      r.end(body);
    }
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/** The body as text with what differs between two runs (ids, times, the cards of each side) replaced. */
function normalised(sent: Sent, replace: Record<string, string> = {}): string {
  let text = (sent.headers['content-encoding'] === 'gzip' ? gunzipSync(sent.body) : sent.body).toString('utf8');
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  return text
    .replace(UUID, '<uuid>')
    .replace(ISO_TIME, '<time>')
    .replace(/"masked_code":"\*+[0-9A-Za-z]{4}"/g, '"masked_code":"<masked>"');
}

/** The headers a caller can see, without those that differ per request or per connection. */
function visibleHeaders(sent: Sent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(sent.headers)) {
    if (['date', 'x-request-id', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'etag'].includes(key)) continue;
    // Next.js streams a route handler's body, so it gzips answers of any size; the Node.js path
    // knows the length and leaves those under 1 KB as they are (compression's threshold). Both
    // gzip a long answer (the card list below), and the bodies are compared unzipped.
    if (key === 'content-encoding') continue;
    let text = Array.isArray(value) ? value.join(', ') : String(value);
    // Next.js varies its own responses on its React Server Components request headers too.
    if (key === 'vary')
      text = text
        .split(/,\s*/)
        .filter((v) => !/^(rsc|next-router-|next-url)/i.test(v))
        .join(', ');
    out[key] = text;
  }
  return out;
}

let db: PrismaClient;
let plain: TestServer;
let production: string;
let admin: string;
let till: string;
let client: { clientId: string; secret: string };

beforeAll(async () => {
  db = openApiDb();
  production = apiBaseUrl();
  plain = await startServer(inject('apiDatabaseUrl'), { plainNext: true, logFile: path.resolve('.test-reports/next-server-plain.log') });
  const adminClient = await createApiClient(db, DEMO_ACCOUNT, ['admin:wallets']);
  admin = adminClient.token;
  client = adminClient;
  till = (await createApiClient(db, DEMO_ACCOUNT, ['write:wallets:/transactions'])).token;
}, 120_000);
afterAll(async () => {
  await plain?.stop();
  await db.$disconnect();
});

/** Sends `make(side)` to both servers (the production server first) and expects the same answer. */
async function expectSame(
  what: string,
  make: (side: 'production' | 'plain') => Req | Promise<Req>,
  replace?: (side: 'production' | 'plain') => Record<string, string>,
) {
  const a = await send(production, await make('production'));
  const b = await send(plain.baseUrl, await make('plain'));
  expect(a.status, `${what}: status`).toBe(b.status);
  expect(normalised(a, replace?.('production')), `${what}: body`).toBe(normalised(b, replace?.('plain')));
  expect(visibleHeaders(a), `${what}: headers`).toEqual(visibleHeaders(b));
  return { production: a, plain: b };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const INFO = `${wallet()}/info`;

describe('the Wallet API on the production server and on plain next start', () => {
  it('the production server answers /V1/… paths that cannot be decoded with the JSON 400 (plain Next.js: a 500)', async () => {
    const url = `/V1/accounts/${DEMO_ACCOUNT}/wallets/cards/%ZZ`;
    const a = await send(production, { path: url });
    expect(a.status).toBe(400);
    expect(a.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(a.body.toString())).toEqual({ error: { code: 'INVALID_INPUT', message: 'The URL path is not valid percent-encoded UTF-8.' } });
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(plain.baseUrl, { path: url })).status).toBe(500);
  });

  it('refusals: no token, a bad token, another account, bad JSON, NUL, a schema error, an unknown card', async () => {
    await expectSame('no token', () => ({ path: INFO, body: '{}' }));
    await expectSame('bad token', () => ({ path: INFO, headers: bearer('not-a-token'), body: '{}' }));
    await expectSame('another account', () => ({ path: `/v1/accounts/T99999999/wallets/info`, headers: bearer(admin), body: '{}' }));
    await expectSame('unknown account shape', () => ({ path: `/v1/accounts/nope/wallets/info`, headers: bearer(admin), body: '{}' }));
    await expectSame('bad JSON', () => ({ path: INFO, headers: bearer(admin), body: '{"token":' }));
    await expectSame('NUL in the body', () => ({ path: INFO, headers: bearer(admin), body: JSON.stringify({ token: 'a\u0000b' }) }));
    await expectSame('schema error', () => ({ path: `${wallet()}/transactions`, headers: bearer(admin), body: JSON.stringify({ amount: 'ten' }) }));
    await expectSame('unknown card', () => ({ path: `${wallet()}/cards/${uniqueId('none')}`, headers: bearer(admin) }));
    await expectSame('a till token on an admin operation', () => ({
      path: `${wallet()}/cards/batch`,
      headers: bearer(till),
      body: JSON.stringify({ cards: [] }),
    }));
  });

  it('bodies over 2 MB: declared and chunked → 413 from both, nothing written', async () => {
    const big = JSON.stringify({ cards: [{ card_id: 'x', type: 'gift_card', metadata: { pad: 'x'.repeat(2 * 1024 * 1024) } }] });
    await expectSame('declared', () => ({ path: `${wallet()}/cards/batch`, headers: bearer(admin), body: big }));
    await expectSame('chunked', () => ({ path: `${wallet()}/cards/batch`, headers: bearer(admin), body: big, chunked: true }));
    // Cut at 2 MB + 1 byte on the Node.js path: a leading BOM must not make the cut body pass as 2 MB − 2.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{"cards":[]}${' '.repeat(2 * 1024 * 1024)}`)]);
    const cut = await expectSame('chunked, with a BOM', () => ({ path: `${wallet()}/cards/batch`, headers: bearer(admin), body: bom, chunked: true }));
    expect(cut.production.status).toBe(413);
    expect(await db.card.count({ where: { accountId: DEMO_ACCOUNT, cardId: 'x' } })).toBe(0);
  });

  it('reads: a card, the card list with gzip, a balance check by token', async () => {
    const card = await activeCard(admin);
    expect(
      (
        await createBatch(
          admin,
          Array.from({ length: 12 }, () => uniqueId('list')),
        )
      ).status,
    ).toBe(200);
    await expectSame('one card', () => ({ path: `${wallet()}/cards/${card.cardId}`, headers: bearer(admin) }));
    const list = await expectSame('the list, gzip', () => ({ path: `${wallet()}/cards?limit=20`, headers: { ...bearer(admin), 'accept-encoding': 'gzip' } }));
    expect(list.production.headers['content-encoding']).toBe('gzip');
    // Next.js never answers brotli; neither does the Node.js path.
    const any = await expectSame('the list, br offered', () => ({
      path: `${wallet()}/cards?limit=20`,
      headers: { ...bearer(admin), 'accept-encoding': 'br, gzip, deflate' },
    }));
    expect([any.production.headers['content-encoding'], any.plain.headers['content-encoding']]).toEqual(['gzip', 'gzip']);
    await expectSame('info by token', () => ({ path: INFO, headers: bearer(till), body: JSON.stringify({ token: card.token }) }));
  });

  it('writes on a card of each side: activation, drawdown, its ref_id replay, an Idempotency-Key replay', async () => {
    const cards = { production: uniqueId('parity'), plain: uniqueId('parity') };
    const made = await createBatch(admin, [cards.production, cards.plain]);
    expect(made.status, made.text).toBe(200);
    const tokens = Object.fromEntries(
      (made.body.cards as { card_id: string; card_token: { token: { value: string } } }[]).map((c) => [c.card_id, c.card_token.token.value]),
    );
    const names = (side: 'production' | 'plain') => ({ [cards[side]]: '<card>', [tokens[cards[side]]!]: '<token>' });
    const activation = (side: 'production' | 'plain'): Req => ({
      path: `${wallet()}/cards/${cards[side]}/activate`,
      headers: { ...bearer(admin), 'idempotency-key': `parity-${cards[side]}` },
      body: JSON.stringify({ amount: 50_000, currency: 'NOK' }),
    });
    await expectSame('activation', activation, names);
    const replay = await expectSame('activation replayed', activation, names);
    expect(replay.production.headers['idempotent-replayed']).toBe('true');
    const drawdown = (side: 'production' | 'plain'): Req => ({
      path: `${wallet()}/transactions`,
      headers: bearer(till),
      body: JSON.stringify({ token: tokens[cards[side]], ref_id: `pos-${cards[side]}`, amount: 1_250, currency: 'NOK', type: 'drawdown' }),
    });
    const replace = (side: 'production' | 'plain') => ({ ...names(side), [`pos-${cards[side]}`]: '<ref>' });
    await expectSame('drawdown', drawdown, replace);
    await expectSame('drawdown replayed by ref_id', drawdown, replace);
    await expectSame(
      'drawdown over the balance',
      (side) => ({
        ...drawdown(side),
        body: JSON.stringify({ token: tokens[cards[side]], ref_id: `big-${cards[side]}`, amount: 10_000_000, currency: 'NOK', type: 'drawdown' }),
      }),
      (side) => ({ ...replace(side), [`big-${cards[side]}`]: '<ref>' }),
    );
    for (const cardId of Object.values(cards)) {
      const card = await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId } });
      expect(card.balance).toBe(BigInt(50_000 - 1_250));
    }
  });

  it('an unauthenticated request is answered before its body has arrived (the body is read only after the token check)', async () => {
    for (const base of [production, plain.baseUrl]) {
      const url = new URL(base);
      const answer = await new Promise<number>((resolve, reject) => {
        const r = http.request(
          { host: url.hostname, port: url.port, method: 'POST', path: INFO, headers: { 'content-type': 'application/json' }, agent: false },
          (res) => {
            resolve(res.statusCode ?? 0);
            res.resume();
            r.destroy();
          },
        );
        r.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
        r.write('{"token": "'); // chunked, and never ended
        setTimeout(() => reject(new Error(`${base} waited for the body`)), 5_000).unref();
      });
      expect(answer, base).toBe(401);
    }
  });

  it('a repeated Authorization header: the first one counts, as in Next.js', async () => {
    await expectSame('two bearer tokens', () => ({
      path: INFO,
      rawHeaders: ['authorization', `Bearer ${till}`, 'authorization', 'Bearer nope'],
      body: JSON.stringify({ token: 'x' }),
    }));
  });

  it('the token endpoint: wrong and right credentials', async () => {
    const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}` });
    const token = `/v1/accounts/${DEMO_ACCOUNT}/auth/token`;
    await expectSame('wrong secret', () => ({ path: token, headers: basic('wrong'), body: JSON.stringify({ grant_type: 'client_credentials' }) }));
    const right = await send(production, { path: token, headers: basic(client.secret), body: JSON.stringify({ grant_type: 'client_credentials' }) });
    const rightPlain = await send(plain.baseUrl, { path: token, headers: basic(client.secret), body: JSON.stringify({ grant_type: 'client_credentials' }) });
    expect(right.status).toBe(200);
    expect(rightPlain.status).toBe(200);
    const shape = (s: Sent) => Object.keys(JSON.parse(s.body.toString()) as object).sort();
    expect(shape(right)).toEqual(shape(rightPlain));
    expect(visibleHeaders(right)).toEqual(visibleHeaders(rightPlain));
  });

  it('what the Node.js path leaves to Next.js is answered alike: 405, HEAD, OPTIONS, unknown paths, encoded ids, openapi.json, https', async () => {
    await expectSame('GET on a POST route', () => ({ path: INFO, headers: bearer(admin) }));
    await expectSame('HEAD of a card', () => ({ method: 'HEAD', path: `${wallet()}/cards/none`, headers: bearer(admin) }));
    await expectSame('OPTIONS', () => ({ method: 'OPTIONS', path: INFO }));
    await expectSame('unknown endpoint', () => ({ path: `${wallet()}/nothing`, headers: bearer(admin), body: '{}' }));
    await expectSame('trailing slash', () => ({ path: `${INFO}/`, headers: bearer(admin), body: '{}' }));
    await expectSame('encoded card id', () => ({ path: `${wallet()}/cards/g%63-none`, headers: bearer(admin) }));
    await expectSame('a backslash', () => ({ path: `${wallet()}/cards/a\\b`, headers: bearer(admin) }));
    await expectSame('malformed, lower case', () => ({ path: `${wallet()}/cards/%ZZ`, headers: bearer(admin) }));
    await expectSame('behind an https proxy (HSTS)', () => ({ path: INFO, headers: { 'x-forwarded-proto': 'https' }, body: '{}' }));
    const openapi = await send(production, { path: '/v1/openapi.json' });
    expect(openapi.status).toBe(200);
  });
});
