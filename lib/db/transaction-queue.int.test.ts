/**
 * A burst of transactions larger than the pool queues for a connection instead of failing. Real
 * PostgreSQL only: the embedded test database runs inside this process, where pg_sleep blocks
 * the event loop and with it the timers under test.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toAppError } from '@/lib/errors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { createDbClient } from './client';

describe.skipIf(inject('dbKind') === 'embedded')('transactions under a burst', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('queue for a pooled connection for longer than Prisma’s 2-second default', async () => {
    const db = createDbClient(t.url, { max: 1 });
    try {
      // 25 transactions of 0.1 s each on one connection: the last waits ~2.5 s for it.
      const results = await Promise.allSettled(Array.from({ length: 25 }, () => db.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(0.1)`)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });

  it('a transaction that cannot get a connection in time is BUSY (503, retryable), not an internal error', async () => {
    const db = createDbClient(t.url, { max: 1 });
    try {
      const holder = db.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(0.5)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const error = await db.$transaction(async (tx) => tx.$executeRaw`SELECT 1`, { maxWait: 100 }).catch((e: unknown) => e);
      await holder;
      expect(toAppError(error)).toMatchObject({ code: 'BUSY', status: 503 });
    } finally {
      await db.$disconnect();
    }
  });
});
