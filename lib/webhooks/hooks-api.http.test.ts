/**
 * Dintero's Hooks API over real HTTP against `next start`: create (201, secret once), list and get
 * (never the secret), ping (202), the delivery log, delete; admin:wallets only; another account's
 * subscription is a 404; a loopback receiver is refused (the test server runs with the default
 * CARDSTOCK_WEBHOOK_ALLOW_PRIVATE=false); bad input is a 422 that creates nothing. Plus the
 * operations endpoints /healthz and /readyz, and the request id on error answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, openApiDb } from '@/lib/testing/http-client';
import { createApiClient } from '@/lib/testing/wallet-fixtures';

let db: PrismaClient;
let admin: string;
let writer: string;
let reader: string;
let other: string;
const ACCOUNT = 'T20261214';
const H = `/v1/accounts/${ACCOUNT}/hooks/subscriptions`;
// TEST-NET-1 (documentation space): public, so allowed, and never answers.
const RECEIVER = 'https://192.0.2.1/cardstock';

beforeAll(async () => {
  db = openApiDb();
  admin = (await createApiClient(db, ACCOUNT, ['admin:wallets'])).token;
  writer = (await createApiClient(db, ACCOUNT, ['write:wallets'])).token;
  reader = (await createApiClient(db, ACCOUNT, ['read:wallets'])).token;
  other = (await createApiClient(db, 'T99999914', ['admin:wallets'])).token;
});
afterAll(async () => {
  await db.$disconnect();
});

describe('hooks subscriptions', () => {
  it('creates, lists, gets, pings, logs and deletes, showing the secret only once', async () => {
    const created = await apiFetch(H, { token: admin, body: { config: { url: RECEIVER, content_type: 'application/json' }, events: ['wallet_transaction'] } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.config.secret).toEqual({ type: 'HMAC-SHA1', value: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const secret = created.body.config.secret.value as string;

    const list = await apiFetch(H, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.subscriptions.map((s: { id: string }) => s.id)).toContain(id);
    const one = await apiFetch(`${H}/${id}`, { token: admin });
    expect(one.body).toMatchObject({ id, events: ['wallet_transaction'], active: true, config: { url: RECEIVER, secret: { type: 'HMAC-SHA1' } } });
    expect(list.text + one.text).not.toContain(secret);

    const ping = await apiFetch(`${H}/${id}/ping`, { token: admin, method: 'POST' });
    expect(ping.status).toBe(202);
    const log = await apiFetch(`${H}/${id}/deliveries`, { token: admin });
    expect(log.body.deliveries.map((d: { id: string }) => d.id)).toContain(ping.body.event_delivery);

    const deleted = await apiFetch(`${H}/${id}`, { token: admin, method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted_at).toEqual(expect.any(String));
    expect((await apiFetch(`${H}/${id}`, { token: admin })).status).toBe(404);
  });

  it('redelivers a failed delivery with the same event-delivery id (202), admin:wallets only, own account only', async () => {
    const created = await apiFetch(H, { token: admin, body: { config: { url: RECEIVER }, events: ['wallet_transaction'], active: true } });
    const id = created.body.id as string;
    const failed = await db.webhookDelivery.create({ data: { subscriptionId: id, event: 'wallet_transaction', body: '{}', status: 'FAILED', attempts: 6 } });
    const R = `${H}/${id}/deliveries/${failed.id}/redeliver`;
    expect((await apiFetch(R, { token: writer, method: 'POST' })).status).toBe(403);
    expect(
      (await apiFetch(`/v1/accounts/T99999914/hooks/subscriptions/${id}/deliveries/${failed.id}/redeliver`, { token: other, method: 'POST' })).status,
    ).toBe(404);
    const again = await apiFetch(R, { token: admin, method: 'POST' });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: failed.id, event: 'wallet_transaction' });
    // (A second request while it is queued is a 409: redeliver-delivery.int.test.ts, where no worker runs.)
    expect((await apiFetch(`${H}/${id}/deliveries/not-a-uuid/redeliver`, { token: admin, method: 'POST' })).status).toBe(404);
  });

  it('needs admin:wallets, and keeps accounts apart', async () => {
    const created = await apiFetch(H, { token: admin, body: { config: { url: RECEIVER }, events: ['cardstock_card_activated'] } });
    const id = created.body.id as string;
    for (const token of [writer, reader]) {
      expect((await apiFetch(H, { token })).status).toBe(403);
      expect((await apiFetch(H, { token, body: { config: { url: RECEIVER }, events: ['wallet_transaction'] } })).status).toBe(403);
      expect((await apiFetch(`${H}/${id}`, { token, method: 'DELETE' })).status).toBe(403);
    }
    expect((await apiFetch(`${H}/${id}`, { token: other })).status).toBe(403); // another account's token on this account's URL
    const theirs = await apiFetch(`/v1/accounts/T99999914/hooks/subscriptions/${id}`, { token: other });
    expect(theirs.status).toBe(404);
    expect((await apiFetch(`/v1/accounts/T99999914/hooks/subscriptions/${id}`, { token: other, method: 'DELETE' })).status).toBe(404);
    expect((await apiFetch(`${H}/not-a-uuid`, { token: admin })).status).toBe(404);
    expect((await apiFetch(`${H}/not-a-uuid/ping`, { token: admin, method: 'POST' })).status).toBe(404);
    expect((await db.webhookSubscription.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();
  });

  it('refuses a loopback or private receiver and bad input with a 422, creating nothing', async () => {
    const before = await db.webhookSubscription.count({ where: { accountId: ACCOUNT } });
    for (const url of [
      'http://127.0.0.1:3000/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest',
      'http://10.0.0.5/x',
      'http://[::ffff:127.0.0.1]/x',
    ]) {
      const answer = await apiFetch(H, { token: admin, body: { config: { url }, events: ['wallet_transaction'] } });
      expect(answer.status, url).toBe(422);
      expect(answer.body.error.code).toBe('UNPROCESSABLE');
    }
    for (const body of [
      { config: { url: 'ftp://example.com/x' }, events: ['wallet_transaction'] },
      { config: { url: 'not a url' }, events: ['wallet_transaction'] },
      { config: { url: 's' }, events: ['wallet_transaction'] },
      { config: { url: RECEIVER }, events: ['no_such_event'] },
      { config: { url: RECEIVER }, events: [] },
      { config: { url: RECEIVER, secret: 'short' }, events: ['wallet_transaction'] },
      { config: { url: 'https://user:pw@example.com/x' }, events: ['wallet_transaction'] },
      { config: { url: RECEIVER }, events: ['wallet_transaction'], fields: ['x'] },
    ]) {
      const answer = await apiFetch(H, { token: admin, body });
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.body.error.details.issues.length).toBeGreaterThan(0);
    }
    expect(await db.webhookSubscription.count({ where: { accountId: ACCOUNT } })).toBe(before);
  });
});

describe('operations endpoints', () => {
  it('/healthz answers while the process is up; /readyz checks database, migrations and worker', async () => {
    const health = await apiFetch('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await apiFetch('/readyz');
    expect(ready.body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true } });
    expect(ready.status).toBe(ready.body.status === 'ready' ? 200 : 503);
  });

  it('error answers carry the request id', async () => {
    const answer = await apiFetch(H, { token: writer });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
