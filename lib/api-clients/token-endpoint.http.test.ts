/**
 * The token endpoint under bad credentials, over HTTP against `next start` on real PostgreSQL:
 * failures are limited per client id (and per address behind a trusted proxy), bursts hold, and a
 * flood of bad requests neither locks out other clients nor starves the rest of the server.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiBaseUrl, apiFetch, getApiToken, openApiDb } from '@/lib/testing/http-client';
import { startServer, type TestServer } from '@/lib/testing/http-server';
import { DEMO_ACCOUNT, wallet } from '@/lib/testing/wallet-fixtures';

/** AUTH_LOGIN_MAX_FAILURES, default: the test server runs with the defaults. */
const LIMIT = 10;

let db: PrismaClient;
beforeAll(() => {
  db = openApiDb();
});
afterAll(async () => {
  await db.$disconnect();
});

async function seedClient(scopes = ['read:wallets']) {
  const clientId = `till-${randomBytes(5).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await db.apiClient.create({ data: { accountId: DEMO_ACCOUNT, clientId, secretHash: await hashPassword(secret), scopes, createdBy: 'test' } });
  return { clientId, secret };
}

async function requestToken(clientId: string, secret: string, options: { baseUrl?: string; headers?: Record<string, string> } = {}) {
  const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
  const response = await fetch(new URL(`/v1/accounts/${DEMO_ACCOUNT}/auth/token`, options.baseUrl ?? apiBaseUrl()), {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ grant_type: 'client_credentials' }),
  });
  const body = (await response.json()) as { access_token?: string; error?: { code: string } };
  return { status: response.status, headers: response.headers, body };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('POST /v1/accounts/{aid}/auth/token under bad credentials', () => {
  it(`answers 429 with Retry-After after ${LIMIT} failures for a client id`, async () => {
    const client = await seedClient();
    for (let i = 0; i < LIMIT; i++) {
      const response = await requestToken(client.clientId, `guess-${i}`);
      expect(response.status, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await requestToken(client.clientId, 'guess-x');
    expect(locked.status).toBe(429);
    expect(locked.body?.error?.code).toBe('LIMIT_EXCEEDED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    // The right secret too: the lock stops guessing only if it holds for every secret.
    expect((await requestToken(client.clientId, client.secret)).status).toBe(429);
  });

  it('treats an unknown client id the same way', async () => {
    const unknown = `nobody-${randomBytes(4).toString('hex')}`;
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await requestToken(unknown, `guess-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429]);
  });

  it('holds for a burst sent at once: exactly the limit are checked', async () => {
    const client = await seedClient();
    const statuses = (await Promise.all(Array.from({ length: LIMIT + 15 }, (_, i) => requestToken(client.clientId, `burst-${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('a flood of bad requests locks only its own client id and does not starve other requests', async () => {
    const reader = await seedClient(['admin:wallets']);
    const readerToken = await getApiToken({ clientId: reader.clientId, clientSecret: reader.secret, accountId: DEMO_ACCOUNT });
    const read = async () => {
      const started = performance.now();
      const response = await apiFetch(`${wallet()}/cards?limit=1`, { token: readerToken });
      expect(response.status).toBe(200);
      return performance.now() - started;
    };
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) baseline.push(await read());

    const victim = await seedClient();
    const fresh = await seedClient();
    let flooding = true;
    // 100 bad secrets for one known client id and 100 unknown client ids, all at once.
    const flood = Promise.all([
      ...Array.from({ length: 100 }, (_, i) => requestToken(victim.clientId, `flood-${i}`)),
      ...Array.from({ length: 100 }, (_, i) => requestToken(`flood-${randomBytes(4).toString('hex')}-${i}`, 'x')),
    ]).finally(() => {
      flooding = false;
    });
    const during: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Another client signs in for the first time (a real hash) while the flood runs.
    const freshToken = requestToken(fresh.clientId, fresh.secret);
    while (flooding || during.length < 3) during.push(await read());
    const results = await flood;

    const victimStatuses = results.slice(0, 100).map((r) => r.status);
    expect(victimStatuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(victimStatuses.filter((s) => s === 429)).toHaveLength(100 - LIMIT);
    expect(results.slice(100).every((r) => r.status === 401)).toBe(true);
    expect((await freshToken).status).toBe(200);
    // Before the limits, 100 bad requests pushed a till's reads from ~20 ms to ~4 s.
    expect(median(during), `baseline ${median(baseline).toFixed(0)} ms, during ${during.map((d) => d.toFixed(0)).join(' ')}`).toBeLessThan(1000);
  });
});

describe('behind a trusted proxy (AUTH_TRUSTED_PROXY_HOPS=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(inject('apiDatabaseUrl'), {
      logFile: path.resolve('.test-reports/next-server-proxied.log'),
      env: { AUTH_TRUSTED_PROXY_HOPS: '1', AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: '5', CARDSTOCK_WORKER: 'off' },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('limits failures per client address over any client ids; other addresses go on', async () => {
    const sprayer = { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` };
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await requestToken(`spray-${randomBytes(4).toString('hex')}`, 'x', { baseUrl: server.baseUrl, headers: sprayer })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await requestToken(`spray-${randomBytes(4).toString('hex')}`, 'x', { baseUrl: server.baseUrl, headers: sprayer });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    // The client-written part of X-Forwarded-For is not trusted: only the entry our proxy wrote.
    const spoofed = { 'x-forwarded-for': `192.0.2.1, ${sprayer['x-forwarded-for']}` };
    expect((await requestToken(`spray-${randomBytes(4).toString('hex')}`, 'x', { baseUrl: server.baseUrl, headers: spoofed })).status).toBe(429);

    const till = await seedClient();
    const other = { 'x-forwarded-for': '198.51.100.20' };
    expect((await requestToken(till.clientId, till.secret, { baseUrl: server.baseUrl, headers: other })).status).toBe(200);
  });
});
