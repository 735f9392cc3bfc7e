/**
 * HQ's money controls on a card — adjust, refund, replace — on both databases; the races run for
 * real on the `postgres` project. After every test the ledger sums (checkLedger).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { Prisma } from '@/lib/generated/prisma/client';
import { categorySql, signedAmountSql } from '@/lib/reports/categories';
import { activateCard } from './activate-card';
import { adjustCard } from './adjust-card';
import { blockCard } from './block-card';
import { checkLedger } from './check-ledger';
import { adjustCardSchema, refundCardSchema, replaceCardSchema } from './control-schemas';
import { createTransaction } from './create-transaction';
import { refundCard } from './refund-card';
import { replaceCard } from './replace-card';
import { activateCardSchema, blockCardSchema, createTransactionSchema } from './schemas';

describe('HQ money controls', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;
  const writeClient = (): ApiClientActor => ({ ...c.api, clientId: 'shop', scopes: ['write:wallets'] });

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
  });
  afterEach(async () => {
    expect((await checkLedger(t.db)).mismatchCount).toBe(0);
  });
  afterAll(async () => {
    await t.close();
  });

  async function activeCard(amount = 50_000) {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    await activateCard(c.api, id, activateCardSchema.parse({ amount, currency: 'NOK' }));
    return { id, token: cards[0]!.token };
  }
  async function inactiveCard() {
    const id = freshId();
    await seedCards(c.api, [id]);
    return id;
  }
  const cardRow = (id: string) => t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });
  const adjust = (amount: number, key = randomUUID()) =>
    adjustCardSchema.parse({ amount, currency: 'NOK', reason: 'till_error', note: 'Till double-charged', request_key: key });
  const refund = (transaction_id: string, amount: number, key = randomUUID()) =>
    refundCardSchema.parse({ transaction_id, amount, reason: 'double_charge', note: 'Charged twice', request_key: key });
  const replace = (new_card_id: string, key = randomUUID()) =>
    replaceCardSchema.parse({ new_card_id, reason: 'damaged', note: 'Chip broken', request_key: key });
  const drawdown = (cardId: string, amount: number) =>
    createTransaction(c.api, createTransactionSchema.parse({ ref_id: randomUUID(), amount, currency: 'NOK', card_id: cardId }));
  const auditOf = (cardPk: string, action: string) => t.db.auditEvent.findMany({ where: { targetId: cardPk, action } });

  describe('adjust', () => {
    it('credits and debits by a signed delta, with an audit row holding before and after', async () => {
      const card = await activeCard(10_000);
      const up = await adjustCard(admin, card.id, adjust(2_500));
      expect(up.transaction).toMatchObject({ type: 'fund', kind: 'adjustment_credit', amount: BigInt(2_500) });
      const down = await adjustCard(admin, card.id, adjust(-1_000));
      expect(down.transaction).toMatchObject({ type: 'drawdown', kind: 'adjustment_debit', amount: BigInt(1_000) });
      const row = await cardRow(card.id);
      expect(row.balance).toBe(BigInt(11_500));
      const audit = await auditOf(row.id, 'card.adjust');
      expect(audit).toHaveLength(2);
      expect(audit.map((a) => a.data)).toContainEqual(
        expect.objectContaining({
          reason: 'till_error',
          note: 'Till double-charged',
          amount: -1_000,
          before: expect.objectContaining({ balance: 12_500 }),
          after: expect.objectContaining({ balance: 11_500 }),
        }),
      );
    });

    it('a debit below the available amount is refused (409 insufficient_funds) and changes nothing', async () => {
      const card = await activeCard(1_000);
      await expect(adjustCard(admin, card.id, adjust(-1_001))).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'insufficient_funds' } });
      expect((await cardRow(card.id)).balance).toBe(BigInt(1_000));
      expect(await auditOf((await cardRow(card.id)).id, 'card.adjust')).toHaveLength(0);
    });

    it('the same request key answers the first adjustment without a second; another request with it is a conflict', async () => {
      const card = await activeCard(1_000);
      const key = randomUUID();
      const first = await adjustCard(admin, card.id, adjust(500, key));
      const again = await adjustCard(admin, card.id, adjust(500, key));
      expect(again).toMatchObject({ isReplay: true, transaction: { id: first.transaction.id } });
      await expect(adjustCard(admin, card.id, adjust(700, key))).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await cardRow(card.id)).balance).toBe(BigInt(1_500));
    });

    it('HQ staff, clerks and write:wallets clients may not adjust', async () => {
      const card = await activeCard(1_000);
      for (const who of [c.staff, c.osloClerk, writeClient()]) {
        await expect(adjustCard(who, card.id, adjust(100))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect((await cardRow(card.id)).balance).toBe(BigInt(1_000));
    });

    it('a blocked card is refused (unblock first)', async () => {
      const card = await activeCard(1_000);
      await blockCard(admin, card.id, blockCardSchema.parse({ reason: 'lost' }));
      await expect(adjustCard(admin, card.id, adjust(100))).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'card_blocked' } });
    });

    it('concurrent adjustments all land; debits racing never take the available amount below zero', async () => {
      const card = await activeCard(10_000);
      const results = await Promise.allSettled([
        ...Array.from({ length: 6 }, () => adjustCard(admin, card.id, adjust(1_000))),
        ...Array.from({ length: 6 }, () => adjustCard(admin, card.id, adjust(-3_000))),
      ]);
      const credits = results.slice(0, 6).filter((r) => r.status === 'fulfilled').length;
      const debits = results.slice(6).filter((r) => r.status === 'fulfilled').length;
      expect(credits).toBe(6);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT', details: { reason: 'insufficient_funds' } });
      const row = await cardRow(card.id);
      expect(row.balance).toBe(BigInt(10_000 + credits * 1_000 - debits * 3_000));
      expect(row.balance >= BigInt(0)).toBe(true);
      expect(debits).toBeGreaterThanOrEqual(3);
    });
  });

  describe('refund', () => {
    it('refunds part of a drawdown as a fund linked to it, never more than was drawn', async () => {
      const card = await activeCard(10_000);
      const spent = await drawdown(card.id, 4_000);
      const first = await refundCard(admin, card.id, refund(spent.transaction.id, 1_500));
      expect(first.transaction).toMatchObject({ type: 'fund', kind: 'refund', parent_id: spent.transaction.id, amount: BigInt(1_500) });
      expect(first.amount_refundable).toBe(BigInt(2_500));
      await expect(refundCard(admin, card.id, refund(spent.transaction.id, 2_501))).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'refund_exceeds_drawdown', amount_refundable: 2_500 },
      });
      await refundCard(admin, card.id, refund(spent.transaction.id, 2_500));
      expect((await cardRow(card.id)).balance).toBe(BigInt(10_000));
      const audit = await auditOf((await cardRow(card.id)).id, 'card.refund');
      expect(audit).toHaveLength(2);
      expect(audit[0]!.data).toMatchObject({ refunds_transaction_id: spent.transaction.id, reason: 'double_charge' });
    });

    it('only a drawdown or capture of this card can be refunded', async () => {
      const card = await activeCard(10_000);
      const other = await activeCard(10_000);
      const theirs = await drawdown(other.id, 1_000);
      await expect(refundCard(admin, card.id, refund(theirs.transaction.id, 100))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const credit = await adjustCard(admin, card.id, adjust(100));
      await expect(refundCard(admin, card.id, refund(credit.transaction.id, 100))).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'not_refundable' },
      });
    });

    it('a double submit (same key) refunds once; HQ staff may not refund', async () => {
      const card = await activeCard(10_000);
      const spent = await drawdown(card.id, 4_000);
      const key = randomUUID();
      const results = await Promise.all([
        refundCard(admin, card.id, refund(spent.transaction.id, 1_000, key)),
        refundCard(admin, card.id, refund(spent.transaction.id, 1_000, key)),
      ]);
      expect(results[0].transaction.id).toBe(results[1].transaction.id);
      expect((await cardRow(card.id)).balance).toBe(BigInt(7_000));
      await expect(refundCard(c.staff, card.id, refund(spent.transaction.id, 1_000))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('racing refunds over the limit: the sum of those that land never exceeds the drawdown', async () => {
      const card = await activeCard(10_000);
      const spent = await drawdown(card.id, 5_000);
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => refundCard(admin, card.id, refund(spent.transaction.id, 2_000))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ details: { reason: 'refund_exceeds_drawdown' } });
      expect((await cardRow(card.id)).balance).toBe(BigInt(9_000));
    });

    it('a refund racing drawdowns: every outcome sums', async () => {
      const card = await activeCard(6_000);
      const spent = await drawdown(card.id, 3_000);
      const results = await Promise.allSettled([
        drawdown(card.id, 2_000),
        refundCard(admin, card.id, refund(spent.transaction.id, 3_000)),
        drawdown(card.id, 2_000),
        drawdown(card.id, 2_000),
      ]);
      expect(results[1]!.status).toBe('fulfilled');
      const drawn = [0, 2, 3].filter((i) => results[i]!.status === 'fulfilled').length;
      expect((await cardRow(card.id)).balance).toBe(BigInt(6_000 - 3_000 + 3_000 - drawn * 2_000));
    });
  });

  describe('replace', () => {
    it('moves the whole balance to an inactive card as two linked rows; A ends blocked (replaced) with 0', async () => {
      const card = await activeCard(7_000);
      await drawdown(card.id, 2_000);
      const b = await inactiveCard();
      const result = await replaceCard(c.staff, card.id, replace(b));
      expect(result.from.transaction).toMatchObject({ type: 'drawdown', kind: 'transfer_out', amount: BigInt(5_000) });
      expect(result.to.transaction).toMatchObject({ type: 'fund', kind: 'transfer_in', amount: BigInt(5_000), parent_id: result.from.transaction.id });
      expect(result.from.transaction.metadata).toMatchObject({ transfer_id: result.transfer_id });
      expect(result.to.transaction.metadata).toMatchObject({ transfer_id: result.transfer_id });
      const a = await cardRow(card.id);
      expect(a).toMatchObject({ balance: BigInt(0), blockedReason: 'replaced' });
      expect(a.blockedAt).not.toBeNull();
      const nb = await cardRow(b);
      expect(nb).toMatchObject({ balance: BigInt(5_000), status: 'unused', currency: 'NOK', expiresAt: a.expiresAt });
      // B now works: a drawdown on it lands.
      await drawdown(b, 1_000);
      expect(await auditOf(a.id, 'card.replace')).toHaveLength(1);
      expect(await auditOf(nb.id, 'card.replace_in')).toHaveLength(1);
    });

    it('a stolen (blocked) card can be replaced; a card in use, a blocked or a foreign-currency card cannot receive', async () => {
      const card = await activeCard(3_000);
      await blockCard(c.staff, card.id, blockCardSchema.parse({ reason: 'stolen' }));
      const used = await activeCard(1_000);
      await expect(replaceCard(c.staff, card.id, replace(used.id))).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'new_card_in_use' } });
      await expect(replaceCard(c.staff, card.id, replace(card.id))).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
      await expect(replaceCard(c.staff, card.id, replace('no-such-card'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await cardRow(card.id)).balance).toBe(BigInt(3_000));
      const b = await inactiveCard();
      await replaceCard(c.staff, card.id, replace(b));
      expect((await cardRow(b)).balance).toBe(BigInt(3_000));
      // Nothing left to move a second time (another key).
      await expect(replaceCard(c.staff, card.id, replace(await inactiveCard()))).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'nothing_to_move' },
      });
    });

    it('a double submit moves the balance once; clerks and read clients may not replace', async () => {
      const card = await activeCard(4_000);
      const b = await inactiveCard();
      const key = randomUUID();
      const [x, y] = await Promise.all([replaceCard(admin, card.id, replace(b, key)), replaceCard(admin, card.id, replace(b, key))]);
      expect(x.from.transaction.id).toBe(y.from.transaction.id);
      expect((await cardRow(b)).balance).toBe(BigInt(4_000));
      expect(await t.db.cardTransaction.count({ where: { cardPk: (await cardRow(b)).id, kind: 'TRANSFER_IN' } })).toBe(1);
      const other = await activeCard(1_000);
      await expect(replaceCard(c.osloClerk, other.id, replace(await inactiveCard()))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(replaceCard({ ...c.api, scopes: ['read:wallets'] }, other.id, replace(await inactiveCard()))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('replace racing drawdowns on A: each drawdown lands before and less moves, or is refused after', async () => {
      for (let round = 0; round < 3; round++) {
        const card = await activeCard(10_000);
        const b = await inactiveCard();
        const results = await Promise.allSettled([
          drawdown(card.id, 1_000),
          drawdown(card.id, 1_000),
          replaceCard(admin, card.id, replace(b)),
          drawdown(card.id, 1_000),
        ]);
        expect(results[2]!.status).toBe('fulfilled');
        const drawn = [0, 1, 3].filter((i) => results[i]!.status === 'fulfilled').length;
        expect((await cardRow(card.id)).balance).toBe(BigInt(0));
        expect((await cardRow(b)).balance).toBe(BigInt(10_000 - drawn * 1_000));
      }
    });

    it('two replaces in opposite directions between two cards do not deadlock', async () => {
      const x = await activeCard(1_000);
      const y = await inactiveCard();
      const results = await Promise.allSettled([replaceCard(admin, x.id, replace(y)), replaceCard(admin, y, replace(x.id))]);
      expect(results[0]!.status).toBe('fulfilled');
      expect(results[1]).toMatchObject({ status: 'rejected' });
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    });
  });
  it('the reports count refunds as refund, adjustments as adjustment, and a replace as transfer in/out netting to zero', async () => {
    const card = await activeCard(10_000);
    const spent = await drawdown(card.id, 2_000);
    await refundCard(admin, card.id, refund(spent.transaction.id, 500));
    await adjustCard(admin, card.id, adjust(-300));
    await adjustCard(admin, card.id, adjust(100));
    const b = await inactiveCard();
    await replaceCard(admin, card.id, replace(b));
    const pks = [(await cardRow(card.id)).id, (await cardRow(b)).id];
    const rows = await t.db.$queryRaw<{ category: string; amount: bigint }[]>(
      Prisma.sql`SELECT ${categorySql('t')} AS category, SUM(${signedAmountSql('t')})::bigint AS amount FROM card_transactions t
        WHERE t.card_pk = ANY(${pks}::uuid[]) GROUP BY 1 ORDER BY 1`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.category, Number(r.amount)]));
    expect(by).toMatchObject({ refund: 500, adjustment: -200, transfer_in: 8_300, transfer_out: -8_300, redemption: -2_000, sale: 10_000 });
  });
});
