import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { isRequestInProgress, requestHash, withIdempotencyKey } from './with-idempotency-key';

describe('Idempotency-Key', () => {
  let t: TestDatabase;
  let accountId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    accountId = (await seedAccount(t.db)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const options = (key: string, request: unknown = { a: 1 }) => ({ accountId, actor: 'test', key, operation: 'op', request });
  const freshKey = () => `key-${++n}`;

  it('runs once and replays the stored result for the same request', async () => {
    const key = freshKey();
    let runs = 0;
    const run = async () => ({ status: 201, body: { run: ++runs } });
    expect(await withIdempotencyKey(options(key), run)).toEqual({ status: 201, body: { run: 1 }, isReplay: false });
    expect(await withIdempotencyKey(options(key), run)).toEqual({ status: 201, body: { run: 1 }, isReplay: true });
    expect(runs).toBe(1);
  });

  it('refuses the same key with a different request, and that refusal is not "in progress"', async () => {
    const key = freshKey();
    await withIdempotencyKey(options(key), async () => ({ status: 200, body: {} }));
    const refusal = await withIdempotencyKey(options(key, { a: 2 }), async () => ({ status: 200, body: {} })).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
    expect(isRequestInProgress(refusal)).toBe(false);
  });

  it('says "in progress" to a repeat that arrives while the first still runs', async () => {
    const key = freshKey();
    let release!: () => void;
    const first = withIdempotencyKey(
      options(key),
      () => new Promise<{ status: number; body: string }>((resolve) => (release = () => resolve({ status: 200, body: 'first' }))),
    );
    await expect.poll(() => t.db.idempotencyRecord.count({ where: { key } })).toBe(1);
    const repeat = await withIdempotencyKey(options(key), async () => ({ status: 200, body: 'second' })).catch((e: unknown) => e);
    expect(isRequestInProgress(repeat)).toBe(true);
    release();
    expect(await first).toMatchObject({ body: 'first', isReplay: false });
    expect(await withIdempotencyKey(options(key), async () => ({ status: 200, body: 'third' }))).toMatchObject({ body: 'first', isReplay: true });
  });

  it('a failed attempt releases the key for a retry', async () => {
    const key = freshKey();
    await expect(withIdempotencyKey(options(key), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withIdempotencyKey(options(key), async () => ({ status: 200, body: 'retried' }))).toMatchObject({ body: 'retried', isReplay: false });
  });

  it('the same body with its keys in another order is the same request', async () => {
    expect(requestHash({ a: 1, metadata: { x: '1', y: '2' } })).toBe(requestHash({ metadata: { y: '2', x: '1' }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    const key = freshKey();
    await withIdempotencyKey(options(key, { metadata: { x: '1', y: '2' } }), async () => ({ status: 200, body: 'once' }));
    expect(await withIdempotencyKey(options(key, { metadata: { y: '2', x: '1' } }), async () => ({ status: 200, body: 'twice' }))).toMatchObject({
      body: 'once',
      isReplay: true,
    });
  });

  it('only one of several retries takes over an abandoned reservation', async () => {
    const key = freshKey();
    await t.db.idempotencyRecord.create({
      data: {
        accountId,
        actor: 'test',
        key,
        operation: 'op',
        requestHash: requestHash({ operation: 'op', request: { a: 1 } }),
        statusCode: 0,
        response: {},
        createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    let runs = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        withIdempotencyKey(options(key), async () => {
          runs++;
          await new Promise((resolve) => setTimeout(resolve, 100));
          return { status: 200, body: 'taken over' };
        }),
      ),
    );
    expect(runs).toBe(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(isRequestInProgress(r.reason)).toBe(true);
      else expect(r.value.body).toBe('taken over');
    }
  });

  it('a request whose reservation was taken over neither completes nor releases the new owner’s', async () => {
    const key = freshKey();
    const takeOver = () => t.db.idempotencyRecord.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() + 1000) } });
    await expect(
      withIdempotencyKey(options(key), async () => {
        await takeOver();
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect(await t.db.idempotencyRecord.findFirst({ where: { key } })).toMatchObject({ statusCode: 0 });
    const key2 = freshKey();
    await withIdempotencyKey(options(key2), async () => {
      await t.db.idempotencyRecord.updateMany({ where: { key: key2 }, data: { createdAt: new Date(Date.now() + 1000) } });
      return { status: 200, body: 'late success' };
    });
    expect(await t.db.idempotencyRecord.findFirst({ where: { key: key2 } })).toMatchObject({ statusCode: 0 });
  });
});
