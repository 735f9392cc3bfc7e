/** Ordering a print run: id collisions are refused before anything is written (both databases). */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { seedCards } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { orderPrintRun, suggestStartSequence } from './order-print-run';
import { orderPrintRunSchema } from './schemas';

describe('ordering a print run', () => {
  let t: TestDatabase;
  let admin: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  const input = (prefix: string, start: number, quantity: number) =>
    orderPrintRunSchema.parse({
      quantity: String(quantity),
      type: 'gift_card',
      idPrefix: prefix,
      startSequence: String(start),
      padWidth: '6',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    });
  const batches = () => t.db.batch.count();

  it('suggests the number after the highest one used with the prefix', async () => {
    expect(await suggestStartSequence(admin, 'SG')).toBe(1);
    await orderPrintRun(admin, input('SG', 1, 50));
    expect(await suggestStartSequence(admin, 'SG')).toBe(51);
    expect(await suggestStartSequence(admin, 'OTHER')).toBe(1);
  });

  it('refuses ids of existing cards, naming one, and writes nothing', async () => {
    await seedCards(admin, ['EX000105']);
    const before = await batches();
    await expect(orderPrintRun(admin, input('EX', 100, 10))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { fieldErrors: { startSequence: [expect.stringContaining('EX000105')] } },
    });
    expect(await batches()).toBe(before);
    expect(await orderPrintRun(admin, input('EX', 106, 10))).toMatchObject({ status: 'PENDING' });
  });

  it('refuses a run overlapping one that is ordered but not made yet (it has no cards to collide with)', async () => {
    await orderPrintRun(admin, input('PD', 1, 1000));
    const before = await batches();
    await expect(orderPrintRun(admin, input('PD', 900, 200))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('a print run still being made'),
    });
    expect(await batches()).toBe(before);
    expect(await orderPrintRun(admin, input('PD', 1001, 200))).toMatchObject({ status: 'PENDING' });
  });

  // Real PostgreSQL only: the embedded database's single connection runs the two one after the
  // other anyway, so there the test would pass without the lock.
  it.skipIf(inject('dbKind') === 'embedded')('lets only one of two overlapping orders placed at once through', async () => {
    const results = await Promise.allSettled([orderPrintRun(admin, input('RC', 1, 100)), orderPrintRun(admin, input('RC', 50, 100))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });
});
