/** HQ's expiry changes (one card, in bulk as a job), deactivation and HQ's PIN rotation, on both databases. */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { changeCardExpiry } from './change-card-expiry';
import { bulkExpirySchema, changeExpiryInBulk, getBulkExpiryProgress, runBulkExpiry, type BulkExpiryOutcome } from './change-expiry-bulk';

function queuedJob(outcome: BulkExpiryOutcome): Extract<BulkExpiryOutcome, { status: 'queued' }> {
  if (outcome.status !== 'queued') throw new Error(`expected a queued job, got ${JSON.stringify(outcome)}`);
  return outcome;
}
import { checkLedger } from './check-ledger';
import { changeExpirySchema, deactivateCardSchema } from './control-schemas';
import { createTransaction } from './create-transaction';
import { deactivateCard } from './deactivate-card';
import { rotatePinFromHq, rotatePinHqSchema } from './rotate-pin-hq';
import { activateCardSchema, createTransactionSchema, unblockCardSchema } from './schemas';
import { unblockCard } from './unblock-card';
import { checkPin } from './check-pin';
import { runOneJob } from '@/lib/jobs/worker';

describe('HQ date and life controls', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    // The mechanics of the job here; four-eyes on bulk changes (the default) is tested in lib/approvals.
    await t.db.dualControlSettings.create({ data: { accountId: c.account.id, bulkExpiryNeedsApproval: false, updatedBy: 'test' } });
  });
  afterEach(async () => {
    expect((await checkLedger(t.db)).mismatchCount).toBe(0);
  });
  afterAll(async () => {
    await t.close();
  });

  async function activeCard(amount = 5_000) {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    await activateCard(c.api, id, activateCardSchema.parse({ amount, currency: 'NOK' }));
    return { id, pin: cards[0]!.pin };
  }
  const cardRow = (id: string) => t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });
  const expiry = (expires_at: string, key = randomUUID()) =>
    changeExpirySchema.parse({ expires_at, reason: 'customer_request', note: 'Customer called', request_key: key });

  describe('expiry of one card', () => {
    it('extends and shortens with an audit row holding old and new dates; the same key answers the same', async () => {
      const card = await activeCard();
      const old = (await cardRow(card.id)).expiresAt;
      const key = randomUUID();
      const later = inDays(2_000);
      const longer = await changeCardExpiry(c.staff, card.id, expiry(later, key));
      expect(longer).toMatchObject({ changed: true, expires_at_before: old?.toISOString() ?? null });
      expect(await changeCardExpiry(c.staff, card.id, expiry(later, key))).toEqual(longer);
      await expect(changeCardExpiry(c.staff, card.id, expiry(inDays(3_000), key))).rejects.toMatchObject({ code: 'CONFLICT' });
      await changeCardExpiry(c.staff, card.id, expiry(inDays(30)));
      const row = await cardRow(card.id);
      const audit = await t.db.auditEvent.findMany({ where: { targetId: row.id, action: 'card.expiry' }, orderBy: { createdAt: 'asc' } });
      expect(audit).toHaveLength(2);
      expect(audit[0]!.data).toMatchObject({
        reason: 'customer_request',
        before: { expires_at: old?.toISOString() ?? null },
        after: { expires_at: longer.expires_at },
      });
      expect(row.expiresAt?.getTime()).toBeCloseTo(new Date(inDays(30)).getTime(), -4);
    });

    it('a date in the past is refused (422); clerks may not', async () => {
      const card = await activeCard();
      await expect(changeCardExpiry(admin, card.id, expiry(inDays(-1)))).rejects.toMatchObject({
        code: 'UNPROCESSABLE',
        details: { reason: 'expiry_in_past' },
      });
      await expect(changeCardExpiry(c.osloClerk, card.id, expiry(inDays(9)))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('expiry in bulk', () => {
    it('changes every card of a print run in chunks, one audit row per card, progress counted; a repeat changes nothing', async () => {
      const ids = Array.from({ length: 620 }, (_, i) => `bulk-${randomUUID().slice(0, 8)}-${i}`);
      const { batch } = await seedCards(c.api, ids);
      const input = bulkExpirySchema.parse({
        batch_id: batch.id,
        expires_at: inDays(400),
        reason: 'goodwill',
        note: 'Campaign extension',
        request_key: randomUUID(),
      });
      await expect(changeExpiryInBulk(c.staff, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const queued = queuedJob(await changeExpiryInBulk(admin, input));
      expect(queued.total).toBe(620);
      expect(await changeExpiryInBulk(admin, input)).toEqual(queued);
      expect(await getBulkExpiryProgress(admin, queued.job_id)).toMatchObject({ done: 0, total: 620 });
      await runBulkExpiry(queued.job_id);
      expect(await getBulkExpiryProgress(admin, queued.job_id)).toMatchObject({ done: 620, changed: 620, total: 620 });
      const audit = await t.db.auditEvent.findMany({ where: { action: 'card.expiry', data: { path: ['bulk_job_id'], equals: queued.job_id } } });
      expect(audit).toHaveLength(620);
      expect(new Set(audit.map((a) => a.targetId)).size).toBe(620);
      expect(audit[0]!.data).toMatchObject({ after: { expires_at: input.expires_at.toISOString() }, before: { expires_at: null } });
      expect(await t.db.card.count({ where: { batchId: batch.id, expiresAt: input.expires_at } })).toBe(620);
      // A second job to the same date (another key) finds nothing to change.
      const again = queuedJob(await changeExpiryInBulk(admin, { ...input, request_key: randomUUID() }));
      await runBulkExpiry(again.job_id);
      expect(await getBulkExpiryProgress(admin, again.job_id)).toMatchObject({ done: 620, changed: 0 });
    });

    it('a list of card ids reaches those cards only', async () => {
      const a = await activeCard();
      const b = await activeCard();
      const other = await activeCard();
      const before = (await cardRow(other.id)).expiresAt;
      const queued = queuedJob(
        await changeExpiryInBulk(
          admin,
          bulkExpirySchema.parse({
            card_ids: `${a.id}, ${b.id}\nno-such`,
            expires_at: inDays(50),
            reason: 'correction',
            note: 'Fix dates',
            request_key: randomUUID(),
          }),
        ),
      );
      expect(queued.total).toBe(2);
      // Through the worker, as in production (lib/jobs/worker.ts knows the job type).
      while (await runOneJob()) {
        // drain the queue
      }
      expect(await getBulkExpiryProgress(admin, queued.job_id)).toMatchObject({ status: 'DONE', done: 2, changed: 2 });
      expect((await cardRow(a.id)).expiresAt?.toISOString()).toBe((await cardRow(b.id)).expiresAt?.toISOString());
      expect((await cardRow(other.id)).expiresAt).toEqual(before);
    });
  });

  describe('deactivate', () => {
    it('writes the balance off with a row, blocks the card for good; unblock is refused; repeat answers the same', async () => {
      const card = await activeCard(3_000);
      const input = deactivateCardSchema.parse({ reason: 'fraud', note: 'Confirmed fraud', request_key: randomUUID() });
      await expect(deactivateCard(c.staff, card.id, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const view = await deactivateCard(admin, card.id, input);
      expect(view).toMatchObject({ amount_balance: BigInt(0), blocked: { reason: 'deactivated' } });
      const row = await cardRow(card.id);
      expect(row).toMatchObject({ balance: BigInt(0), blockedReason: 'deactivated' });
      expect(row.deactivatedAt).not.toBeNull();
      expect(await t.db.cardTransaction.count({ where: { cardPk: row.id, kind: 'WRITE_OFF', amount: BigInt(3_000) } })).toBe(1);
      await deactivateCard(admin, card.id, input);
      expect(await t.db.cardTransaction.count({ where: { cardPk: row.id, kind: 'WRITE_OFF' } })).toBe(1);
      await expect(unblockCard(admin, card.id, unblockCardSchema.parse({}))).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'card_deactivated' },
      });
      await expect(
        createTransaction(c.api, createTransactionSchema.parse({ ref_id: randomUUID(), amount: 1, currency: 'NOK', card_id: card.id })),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const audit = await t.db.auditEvent.findMany({ where: { targetId: row.id, action: 'card.deactivate' } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.data).toMatchObject({ written_off: 3_000, before: { balance: 3_000 }, after: { balance: 0, deactivated: true } });
    });
  });

  describe('rotate PIN from HQ', () => {
    it('gives a new PIN once (a repeat of the key does not show it again); the old PIN stops working; admins only', async () => {
      const card = await activeCard();
      const input = rotatePinHqSchema.parse({ reason: 'scratched_pin', note: 'PIN unreadable', request_key: randomUUID() });
      await expect(rotatePinFromHq(c.staff, card.id, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const first = await rotatePinFromHq(admin, card.id, input);
      expect(first.pin).toMatch(/^\d{4,}$/);
      expect(await rotatePinFromHq(admin, card.id, input)).toEqual({ pin: null });
      const row = await cardRow(card.id);
      expect(await checkPin(row, first.pin!)).toBe(true);
      expect(await checkPin(await cardRow(card.id), card.pin)).toBe(false);
      const audit = await t.db.auditEvent.findMany({ where: { targetId: row.id, action: 'card.rotate_pin' } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.data).toMatchObject({ reason: 'scratched_pin', via: 'hq' });
      expect(JSON.stringify(audit[0]!.data)).not.toContain(first.pin!);
    });
  });
});
