/**
 * Four-eyes end to end in the domain: loosening the dual-control settings and releasing a large
 * print run each need a second HQ admin; the requester (and the run's orderer) cannot approve;
 * the approver cannot download; a request expires after 24 h; approving twice at once runs the
 * change once (real concurrency on the postgres project); every step is in the audit log.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema } from '@/lib/cards/schemas';
import { confirmRelease, confirmReleaseSchema } from '@/lib/print-runs/confirm-release';
import { beginRelease } from '@/lib/print-runs/release-secrets';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { approveRequest } from './approve-request';
import { getDualControlSettings } from './dual-control-settings';
import { expireApprovalRequests } from './expire-requests';
import { listApprovals } from './list-approvals';
import { rejectRequest } from './reject-request';
import { requestPrintReleaseApproval } from './request-print-release';
import { updateDualControlFormSchema } from './schemas';
import { updateDualControlSettings } from './update-dual-control-settings';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) parts.push(part.value);
  return Buffer.concat(parts);
}

describe('dual control', () => {
  let t: TestDatabase;
  let a: UserActor;
  let b: UserActor;
  let c: UserActor;
  let staff: UserActor;
  let otherAccountAdmin: UserActor;
  let next = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    [a, b, c] = [
      await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' }),
      await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' }),
      await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' }),
    ];
    staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    otherAccountAdmin = await seedUser(t.db, { accountId: (await seedAccount(t.db)).id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  const form = (fields: { cards: number; nok?: string; bulk?: boolean; reason?: string }) =>
    updateDualControlFormSchema.parse({
      printReleaseMaxCards: String(fields.cards),
      currency: 'NOK',
      amountThreshold: fields.nok ?? '10000',
      ...(fields.bulk === false ? {} : { bulkExpiryNeedsApproval: 'on' }),
      reason: fields.reason ?? '',
    });
  const audits = (requestId: string) =>
    t.db.auditEvent
      .findMany({ where: { targetType: 'approval_request', targetId: requestId }, orderBy: { createdAt: 'asc' } })
      .then((rows) => rows.map((r) => r.action));
  const settingsUpdates = () => t.db.auditEvent.count({ where: { accountId: a.accountId, action: 'account.dual_control_settings_update' } });

  it('a stricter change applies at once; a looser one waits for another admin, who cannot be the requester', async () => {
    expect(await getDualControlSettings(a.accountId)).toEqual({
      printReleaseMaxCards: 1000,
      amountThresholds: { NOK: 1_000_000 },
      bulkExpiryNeedsApproval: true,
    });
    expect(await updateDualControlSettings(a, form({ cards: 500 }))).toMatchObject({ status: 'executed' });
    expect((await getDualControlSettings(a.accountId)).printReleaseMaxCards).toBe(500);

    // Looser without a reason: refused, nothing opened.
    await expect(updateDualControlSettings(a, form({ cards: 5000 }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const pending = await updateDualControlSettings(a, form({ cards: 5000, nok: '', reason: 'Large seasonal runs' }));
    expect(pending.status).toBe('pending');
    const requestId = pending.status === 'pending' ? pending.request.id : '';
    expect((await getDualControlSettings(a.accountId)).printReleaseMaxCards).toBe(500);
    // A second loosening while one waits is one request too many.
    await expect(updateDualControlSettings(a, form({ cards: 6000, reason: 'again' }))).rejects.toMatchObject({ code: 'CONFLICT' });

    await expect(approveRequest(a, { requestId, note: 'me, myself' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approveRequest(staff, { requestId, note: 'not an admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approveRequest(otherAccountAdmin, { requestId, note: 'not mine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listApprovals(a)).waiting.map((r) => r.id)).not.toContain(requestId);
    expect((await listApprovals(a)).mine.find((r) => r.id === requestId)?.status).toBe('pending');
    expect((await listApprovals(b)).waiting.map((r) => r.id)).toContain(requestId);

    await approveRequest(b, { requestId, note: 'Agreed for Q4' });
    expect(await getDualControlSettings(a.accountId)).toEqual({ printReleaseMaxCards: 5000, amountThresholds: {}, bulkExpiryNeedsApproval: true });
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: 'EXECUTED', approvedBy: `user:${b.userId}`, decisionNote: 'Agreed for Q4' });
    expect(row.executedAt).not.toBeNull();
    expect(await audits(requestId)).toEqual(['approval.requested', 'approval.approved', 'approval.executed']);
    await expect(approveRequest(c, { requestId, note: 'late' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listApprovals(b)).decided.find((r) => r.id === requestId)).toMatchObject({ status: 'executed', decisionNote: 'Agreed for Q4' });
    expect((await listApprovals(b)).waiting.map((r) => r.id)).not.toContain(requestId);
    // Back to strict for the rest (a stricter change: at once).
    expect(await updateDualControlSettings(a, form({ cards: 2 }))).toMatchObject({ status: 'executed' });
  });

  it('a rejected request changes nothing and can no longer be approved', async () => {
    const pending = await updateDualControlSettings(a, form({ cards: 100, reason: 'try' }));
    const requestId = pending.status === 'pending' ? pending.request.id : '';
    await rejectRequest(b, { requestId, note: 'No: keep it at 2' });
    await expect(approveRequest(c, { requestId, note: 'yes' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await getDualControlSettings(a.accountId)).printReleaseMaxCards).toBe(2);
    expect(await audits(requestId)).toEqual(['approval.requested', 'approval.rejected']);
  });

  it('a request expires after 24 h doing nothing: approval is refused, the expiry audited', async () => {
    const pending = await updateDualControlSettings(a, form({ cards: 100, reason: 'slow' }));
    const requestId = pending.status === 'pending' ? pending.request.id : '';
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3600_000);
    // 24 h later (moved back in time rather than waiting).
    await t.db.approvalRequest.update({
      where: { id: requestId },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000), expiresAt: new Date(Date.now() - 3600_000) },
    });
    expect((await listApprovals(a)).mine.find((r) => r.id === requestId)?.status).toBe('expired');
    await expect(approveRequest(b, { requestId, note: 'too late' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('EXPIRED');
    expect((await getDualControlSettings(a.accountId)).printReleaseMaxCards).toBe(2);
    expect(await audits(requestId)).toEqual(['approval.requested', 'approval.expired']);
    // The sweeper finds the others; a second sweep finds nothing more.
    const other = await updateDualControlSettings(a, form({ cards: 100, reason: 'slow again' }));
    const otherId = other.status === 'pending' ? other.request.id : '';
    expect(await expireApprovalRequests(new Date(Date.now() + 24 * 3600_000 + 1000))).toBe(1);
    expect(await expireApprovalRequests(new Date(Date.now() + 24 * 3600_000 + 1000))).toBe(0);
    expect(await audits(otherId)).toEqual(['approval.requested', 'approval.expired']);
  });

  it('approved twice at the same moment, the change runs exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const pending = await updateDualControlSettings(a, form({ cards: 10 + round, reason: `round ${round}` }));
      const requestId = pending.status === 'pending' ? pending.request.id : '';
      const updatesBefore = await settingsUpdates();
      const results = await Promise.allSettled([approveRequest(b, { requestId, note: 'b says yes' }), approveRequest(c, { requestId, note: 'c says yes' })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'CONFLICT' });
      expect(await settingsUpdates()).toBe(updatesBefore + 1);
      expect((await audits(requestId)).filter((x) => x === 'approval.executed')).toHaveLength(1);
      expect((await audits(requestId)).filter((x) => x === 'approval.approved')).toHaveLength(1);
      // Strict again for the next round.
      await updateDualControlSettings(a, form({ cards: 2 }));
    }
  });

  it('a print run above the threshold: no download until another admin approved; not the orderer, and the approver cannot download', async () => {
    const input = createBatchSchema.parse({ cards: Array.from({ length: 3 }, (_, i) => ({ card_id: `DC${++next}-${i}` })) });
    const { batch } = await createCardBatch(a, input); // ordered by A
    await expect(beginRelease(a, batch.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      await t.db.auditEvent.count({
        where: { targetId: batch.id, action: 'secrets.release_refused', data: { path: ['reason'], equals: 'approval_required' } },
      }),
    ).toBe(1);

    // C asks (A ordered it): neither A nor C may approve.
    const request = await requestPrintReleaseApproval(c, { batchId: batch.id, reason: 'Manufacturer is waiting' });
    await expect(requestPrintReleaseApproval(a, { batchId: batch.id, reason: 'twice' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(approveRequest(c, { requestId: request.id, note: 'mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approveRequest(a, { requestId: request.id, note: 'I ordered it' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listApprovals(a)).waiting.map((r) => r.id)).not.toContain(request.id);
    await expect(beginRelease(c, batch.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'CONFLICT' });

    await approveRequest(b, { requestId: request.id, note: 'Checked the PO' });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('APPROVED');
    await expect(beginRelease(b, batch.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'FORBIDDEN' }); // the approver

    const release = await beginRelease(a, batch.id, TEST_PASSWORD);
    const sha256 = createHash('sha256')
      .update(await readAll(release.stream))
      .digest('hex');
    await confirmRelease(a, confirmReleaseSchema.parse({ batchId: batch.id, password: TEST_PASSWORD, sha256 }));
    const done = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(done.status).toBe('EXECUTED');
    expect(await audits(request.id)).toEqual(['approval.requested', 'approval.approved', 'approval.executed']);
    expect((await t.db.batch.findUniqueOrThrow({ where: { id: batch.id } })).secretsState).toBe('RELEASED');
  });

  it('a run at or below the threshold needs no approval', async () => {
    const input = createBatchSchema.parse({ cards: Array.from({ length: 2 }, (_, i) => ({ card_id: `DC${++next}-${i}` })) });
    const { batch } = await createCardBatch(a, input);
    await expect(requestPrintReleaseApproval(b, { batchId: batch.id, reason: 'not needed' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const release = await beginRelease(a, batch.id, TEST_PASSWORD);
    await release.abort();
  });
});
