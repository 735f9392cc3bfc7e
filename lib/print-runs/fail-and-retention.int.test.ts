/**
 * The two ways secrets and cards go away without a release: a run that fails for good leaves no
 * cards behind, and unreleased secrets are destroyed after their deadline (but not mid-download).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { destroyExpiredSecrets } from './destroy-expired-secrets';
import { failPrintRun, fillPrintRun } from './fill-print-run';
import { orderPrintRun } from './order-print-run';
import { orderPrintRunSchema } from './schemas';

describe('print runs that end without a release', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let next = 1;

  beforeAll(async () => {
    t = await createTestDatabase();
    admin = await seedUser(t.db, { accountId: (await seedAccount(t.db)).id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function order(quantity: number) {
    const input = orderPrintRunSchema.parse({
      quantity: String(quantity),
      type: 'gift_card',
      idPrefix: 'RT',
      startSequence: String(next),
      padWidth: '8',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    });
    next += quantity;
    return orderPrintRun(admin, input);
  }

  it('a run that fails part-way is FAILED with its reason in words and leaves no cards or secrets', async () => {
    const batch = await order(12_000);
    await fillPrintRun(batch.id, async () => false); // stop after the first committed chunk
    expect(await t.db.card.count({ where: { batchId: batch.id } })).toBe(5_000);
    await failPrintRun(batch.id, Object.assign(new Error('connect ECONNREFUSED /tmp/.s.PGSQL.5432'), { code: 'ECONNREFUSED' }), 5);
    const failed = await t.db.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(failed).toMatchObject({
      status: 'FAILED',
      failureReason: 'The database could not be reached or was too busy (tried 5 times). Order the run again.',
      cardsCreated: 0,
      secretsState: 'DESTROYED',
    });
    expect(await t.db.card.count({ where: { batchId: batch.id } })).toBe(0);
    expect(await t.db.secretVaultChunk.count({ where: { batchId: batch.id } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: 'print_run.failed', targetId: batch.id } })).toBe(1);
  });

  it('destroys unreleased secrets after the deadline, except during a download (a lease under a minute old)', async () => {
    const due = await order(10);
    const downloading = await order(10);
    const notDue = await order(10);
    const crashedDownload = await order(10);
    for (const b of [due, downloading, notDue, crashedDownload]) await fillPrintRun(b.id);
    const past = new Date(Date.now() - 60_000);
    await t.db.batch.updateMany({ where: { id: { in: [due.id, downloading.id, crashedDownload.id] } }, data: { secretsDeadline: past } });
    await t.db.batch.update({ where: { id: downloading.id }, data: { secretsReleasedAt: new Date() } });
    await t.db.batch.update({ where: { id: crashedDownload.id }, data: { secretsReleasedAt: new Date(Date.now() - 61_000) } });

    await destroyExpiredSecrets();

    const states = await t.db.batch.findMany({ where: { id: { in: [due.id, downloading.id, notDue.id] } } });
    const byId = new Map(states.map((b) => [b.id, b]));
    expect(byId.get(due.id)!.secretsState).toBe('DESTROYED');
    expect(byId.get(due.id)!.secretsDestroyedAt).not.toBeNull();
    expect(byId.get(downloading.id)!.secretsState).toBe('AWAITING_RELEASE');
    expect(byId.get(notDue.id)!.secretsState).toBe('AWAITING_RELEASE');
    const crashed = await t.db.batch.findUniqueOrThrow({ where: { id: crashedDownload.id } });
    expect(crashed.secretsState).toBe('DESTROYED');
    expect(await t.db.secretVaultChunk.count({ where: { batchId: due.id } })).toBe(0);
    expect(await t.db.secretVaultChunk.count({ where: { batchId: notDue.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'secrets.destroyed_unreleased', targetId: due.id } })).toBe(1);
    // The cards themselves stay: only the secrets are gone.
    expect(await t.db.card.count({ where: { batchId: due.id } })).toBe(10);
  });
});
