/** The job queue's leases: only the worker holding a job may finish it, and a hand-back is immediate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { claimJob, enqueueJob, finishJob, releaseJobLeases } from './queue';

describe('job leases', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a worker whose lease ran out and was taken over cannot mark the job done; the new holder can', async () => {
    const job = await enqueueJob(t.db, 'test.lease', { n: 1 });
    expect((await claimJob('worker-a'))?.id).toBe(job.id);
    await t.db.job.update({ where: { id: job.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    expect((await claimJob('worker-b'))?.id).toBe(job.id);

    expect(await finishJob(job.id, 'worker-a')).toBe(false);
    expect(await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'RUNNING', lockedBy: 'worker-b' });
    expect(await finishJob(job.id, 'worker-b')).toBe(true);
    expect(await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'DONE', lockedBy: null });
  });

  it('a handed-back job is claimable at once, its attempt not counted', async () => {
    const job = await enqueueJob(t.db, 'test.lease', { n: 2 });
    expect((await claimJob('worker-c'))?.attempts).toBe(1);
    expect(await claimJob('worker-d')).toBeNull(); // leased
    expect(await releaseJobLeases('worker-c')).toBe(1);
    const again = await claimJob('worker-d');
    expect(again).toMatchObject({ id: job.id, attempts: 1, lockedBy: 'worker-d' });
  });
});
