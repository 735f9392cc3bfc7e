/**
 * Operations: readiness reports the database, the migrations and the worker truthfully, and a
 * stopped worker hands its leases (jobs and webhook deliveries) back to the queue at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob, enqueueJob, WORKER_ID } from '@/lib/jobs/queue';
import { stopWorker } from '@/lib/jobs/worker';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { claimDelivery } from '@/lib/webhooks/deliver-webhook';
import { enqueuePing } from '@/lib/webhooks/ping-subscription';
import { sealWebhookSecret } from '@/lib/webhooks/secret-box';
import { checkReadiness } from './check-readiness';

describe('operations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  const alive = { running: true, stopping: false, lastRoundAt: new Date() };

  it('is ready with the database up, every migration applied and the worker alive', async () => {
    expect(await checkReadiness(alive)).toEqual({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, worker: { ok: true } },
    });
  });

  it('is not ready while the worker shuts down, has not started, or is stuck', async () => {
    expect((await checkReadiness({ ...alive, stopping: true })).checks.worker).toEqual({ ok: false, detail: 'shutting down' });
    expect((await checkReadiness({ ...alive, running: false })).checks.worker).toEqual({ ok: false, detail: 'not started' });
    const stale = await checkReadiness({ ...alive, lastRoundAt: new Date(Date.now() - 6 * 60_000) });
    expect(stale).toMatchObject({ status: 'not_ready', checks: { worker: { ok: false } } });
  });

  it('is not ready when a migration on disk is not applied', async () => {
    const last = await t.db.$queryRaw<{ id: string }[]>`SELECT id FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await t.db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last[0]!.id}`;
    try {
      expect(await checkReadiness(alive)).toMatchObject({ status: 'not_ready', checks: { migrations: { ok: false, detail: '1 migration(s) not applied' } } });
    } finally {
      await t.db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last[0]!.id}`;
    }
  });

  it('hands leased jobs and deliveries back on stop, without counting the attempt', async () => {
    const job = await enqueueJob(t.db, 'test.noop', {});
    expect((await claimJob(WORKER_ID))?.id).toBe(job.id);
    const account = await seedAccount(t.db);
    const id = randomUUID();
    const sealed = sealWebhookSecret(id, 'a-secret-of-sixteen+');
    const sub = await t.db.webhookSubscription.create({
      data: {
        id,
        accountId: account.id,
        url: 'https://192.0.2.1/x',
        events: [],
        secretKeyId: sealed.keyId,
        secretNonce: sealed.nonce,
        secretCiphertext: sealed.ciphertext,
        createdBy: 'test',
      },
    });
    const deliveryId = await enqueuePing(t.db, sub);
    expect((await claimDelivery({ workerId: WORKER_ID }))?.id).toBe(deliveryId);

    expect(await stopWorker(100)).toEqual({ jobs: 1, deliveries: 1 });
    expect(await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'QUEUED', attempts: 0, lockedBy: null });
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: 'PENDING', attempts: 0, lockedBy: null });
  });
});
