/**
 * Four-eyes on HQ's card controls (issue 14): an adjustment or refund above the account's amount
 * threshold, and any bulk expiry change (the default), waits for a second admin and then runs
 * exactly once, as the requester asked; the API's direct path refuses such an amount instead of
 * skipping the rule; below it, nothing waits.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { adjustCard, requestOrAdjustCard } from '@/lib/cards/adjust-card';
import { checkLedger } from '@/lib/cards/check-ledger';
import { adjustCardSchema, refundCardSchema } from '@/lib/cards/control-schemas';
import { createTransaction } from '@/lib/cards/create-transaction';
import { requestOrRefundCard } from '@/lib/cards/refund-card';
import { activateCardSchema, createTransactionSchema } from '@/lib/cards/schemas';
import { activateCard } from '@/lib/cards/activate-card';
import { bulkExpirySchema, changeExpiryInBulk } from '@/lib/cards/change-expiry-bulk';
import { runOneJob } from '@/lib/jobs/worker';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { approveRequest } from './approve-request';
import { decideApprovalSchema } from './schemas';

const THRESHOLD = 10_000; // 100.00 NOK

describe('four-eyes on adjustments and refunds', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let a: UserActor;
  let b: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    a = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    b = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    await t.db.dualControlSettings.create({ data: { accountId: c.account.id, amountThresholds: { NOK: THRESHOLD }, updatedBy: 'test' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function soldCard(amount = 50_000) {
    const id = freshId('fe');
    await seedCards(c.api, [id]);
    await activateCard(c.api, id, activateCardSchema.parse({ amount, currency: 'NOK' }));
    return id;
  }
  const rows = (cardId: string) => t.db.cardTransaction.findMany({ where: { card: { cardId, accountId: c.account.id } }, orderBy: { seq: 'asc' } });
  const adjust = (amount: number) =>
    adjustCardSchema.parse({ amount, currency: 'NOK', reason: 'till_error', note: 'Goodwill after a complaint', request_key: randomUUID() });

  it('below the threshold an adjustment runs at once', async () => {
    const id = await soldCard();
    expect(await requestOrAdjustCard(a, id, adjust(THRESHOLD))).toMatchObject({ status: 'executed' });
    expect((await rows(id)).map((r) => r.kind)).toEqual(['FUND', 'ADJUST_CREDIT']);
  });

  it('above it, the adjustment waits; another admin’s approval runs it once, as asked, however many approve at once', async () => {
    const id = await soldCard();
    const asked = await requestOrAdjustCard(a, id, adjust(-(THRESHOLD + 1)));
    expect(asked.status).toBe('pending');
    const request = asked.status === 'pending' ? asked.request : null;
    expect((await rows(id)).map((r) => r.kind)).toEqual(['FUND']);
    // The requester cannot approve it; a repeat of the request is refused while it waits.
    await expect(approveRequest(a, decideApprovalSchema.parse({ requestId: request!.id, note: 'self' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestOrAdjustCard(a, id, adjust(-(THRESHOLD + 1)))).rejects.toMatchObject({ code: 'CONFLICT' });

    const approvals = await Promise.allSettled(
      [1, 2, 3].map(() => approveRequest(b, decideApprovalSchema.parse({ requestId: request!.id, note: 'Checked the receipt' }))),
    );
    expect(approvals.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = await rows(id);
    expect(after.map((r) => [r.kind, r.amount, r.balanceAfter])).toEqual([
      ['FUND', 50_000n, 50_000n],
      ['ADJUST_DEBIT', BigInt(THRESHOLD + 1), BigInt(50_000 - THRESHOLD - 1)],
    ]);
    expect(after[1]!.createdBy).toBe(`user:${a.userId}`); // the requester's change
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request!.id } })).toMatchObject({ status: 'EXECUTED', approvedBy: `user:${b.userId}` });
    expect((await checkLedger(t.db)).mismatchCount).toBe(0);
  });

  it('a refund above the threshold waits for approval too', async () => {
    const id = await soldCard();
    const spent = await createTransaction(c.api, createTransactionSchema.parse({ card_id: id, ref_id: randomUUID(), amount: 30_000, currency: 'NOK' }));
    const input = refundCardSchema.parse({
      transaction_id: spent.transaction.id,
      amount: 20_000,
      reason: 'double_charge',
      note: 'Charged twice',
      request_key: randomUUID(),
    });
    const asked = await requestOrRefundCard(a, id, input);
    expect(asked.status).toBe('pending');
    await approveRequest(b, decideApprovalSchema.parse({ requestId: asked.status === 'pending' ? asked.request.id : '', note: 'Till log checked' }));
    expect((await rows(id)).map((r) => r.kind)).toEqual(['FUND', 'DRAWDOWN', 'REFUND']);
  });

  it('the direct path (the API) refuses an amount above the threshold and changes nothing', async () => {
    const id = await soldCard();
    await expect(adjustCard(c.api, id, adjust(THRESHOLD + 1))).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'dual_control_required' } });
    expect((await rows(id)).map((r) => r.kind)).toEqual(['FUND']);
    expect(await adjustCard(c.api, id, adjust(THRESHOLD))).toMatchObject({ isReplay: false });
  });

  it('a bulk expiry change waits for approval; once approved its job runs as the requester asked', async () => {
    const ids = [await soldCard(), await soldCard()];
    const expiresAt = new Date(Date.now() + 300 * 86_400_000);
    const input = bulkExpirySchema.parse({
      card_ids: ids.join(' '),
      expires_at: expiresAt.toISOString(),
      reason: 'goodwill',
      note: 'Campaign',
      request_key: randomUUID(),
    });
    const asked = await changeExpiryInBulk(a, input);
    expect(asked.status).toBe('pending');
    expect(await changeExpiryInBulk(a, input)).toEqual(asked); // the same key, the same answer
    expect(await t.db.job.count({ where: { type: 'cards.bulk_expiry' } })).toBe(0);

    await approveRequest(b, decideApprovalSchema.parse({ requestId: asked.status === 'pending' ? asked.request_id : '', note: 'Campaign approved' }));
    while (await runOneJob()) {
      // the queued bulk job
    }
    const cards = await t.db.card.findMany({ where: { accountId: c.account.id, cardId: { in: ids } } });
    expect(cards.map((card) => card.expiresAt?.toISOString())).toEqual([expiresAt.toISOString(), expiresAt.toISOString()]);
    const audit = await t.db.auditEvent.findMany({ where: { action: 'card.expiry', targetId: { in: cards.map((card) => card.id) } } });
    expect(audit.map((e) => e.actorId)).toEqual([a.userId, a.userId]);
  });
});
