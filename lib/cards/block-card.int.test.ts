/** Blocking and unblocking a card, on both databases (the `postgres` project races on a real server). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { blockAtCounter } from '@/lib/counter/block-at-counter';
import { findCardForSale } from '@/lib/counter/find-card-for-sale';
import { lookupBalance } from '@/lib/counter/lookup-balance';
import { BLOCKED_CARD_MESSAGE } from '@/lib/counter/resolve-card';
import { blockAtCounterSchema, lookupBalanceSchema, resolveCardSchema } from '@/lib/counter/schemas';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { blockCard } from './block-card';
import { getCardInfo } from './card-info';
import { NO_MATCH_MESSAGE } from './check-pin';
import { checkLedger } from './check-ledger';
import { createTransaction } from './create-transaction';
import { activateCardSchema, blockCardSchema, cardInfoSchema, createTransactionSchema, unblockCardSchema } from './schemas';
import { unblockCard } from './unblock-card';

/** How a call ended, as a caller can tell: the code and message, or FOUND. */
async function answer(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: unknown };
    return JSON.stringify({ code: e.code, message: e.message, details: e.details });
  }
}

describe('blocking a card', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;
  const till = (clientId = 'till'): ApiClientActor => ({ ...c.api, clientId, scopes: ['write:wallets:/transactions'] });
  const drawdown = (presented: { token: string } | { card_id: string; pin: string }, amount = 1_000, refId = randomUUID()) =>
    createTransactionSchema.parse({ ref_id: refId, amount, currency: 'NOK', ...presented });

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function activeCard(amount = 50_000) {
    const id = freshId();
    const { cards } = await seedCards(c.api, [id]);
    await activateCard(c.api, id, activateCardSchema.parse({ amount, currency: 'NOK' }));
    return { id, token: cards[0]!.token, pin: cards[0]!.pin };
  }
  const cardRow = (id: string) => t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });

  it('a blocked card refuses drawdowns and balance checks exactly like an unknown card; unblocking restores it', async () => {
    const card = await activeCard();
    const before = await cardRow(card.id);
    const view = await blockCard(c.staff, card.id, blockCardSchema.parse({ reason: 'stolen', note: 'Customer called 10:14' }));
    expect(view).toMatchObject({
      card_id: card.id,
      status: 'unused',
      blocked: { reason: 'stolen', note: 'Customer called 10:14', blocked_by: `user:${c.staff.userId}` },
    });

    const unknownToken = await answer(createTransaction(till('a'), drawdown({ token: 'NO-SUCH-TOKEN-1' })));
    expect(unknownToken).toContain(NO_MATCH_MESSAGE);
    expect(await answer(createTransaction(till('b'), drawdown({ token: card.token })))).toBe(unknownToken);
    expect(await answer(getCardInfo(till('c'), cardInfoSchema.parse({ token: card.token })))).toBe(
      await answer(getCardInfo(till('d'), cardInfoSchema.parse({ token: 'NO-SUCH-TOKEN-2' }))),
    );
    // card_id + the right PIN: the same "no card matches" as a card that is not there.
    expect(await answer(getCardInfo(till('e'), cardInfoSchema.parse({ card_id: card.id, pin: card.pin })))).toBe(
      await answer(getCardInfo(till('f'), cardInfoSchema.parse({ card_id: 'no-such-card', pin: card.pin }))),
    );
    expect(await answer(createTransaction(c.api, drawdown({ card_id: card.id, pin: card.pin })))).toBe(
      await answer(createTransaction(c.api, drawdown({ card_id: 'no-such-card', pin: card.pin }))),
    );
    // The PIN of a blocked card is not checked, so it does not count wrong PINs either.
    expect((await cardRow(card.id)).pinFailures).toBe(0);

    // The counter tells the clerk in their words.
    const sale = await findCardForSale(c.osloClerk, resolveCardSchema.parse({ code: card.token }));
    expect(sale.problem).toEqual({ reason: 'card_blocked', message: BLOCKED_CARD_MESSAGE, userMessage: { key: 'cardBlocked' } });
    await expect(lookupBalance(c.osloClerk, lookupBalanceSchema.parse({ code: card.token }))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: BLOCKED_CARD_MESSAGE,
    });
    await expect(lookupBalance(c.osloClerk, lookupBalanceSchema.parse({ code: card.id, pin: card.pin }))).rejects.toMatchObject({
      details: { reason: 'card_blocked' },
    });

    // Unblocked: exactly as it was, and it pays again.
    const restored = await unblockCard(admin, card.id, unblockCardSchema.parse({ note: 'Found by customer' }));
    expect(restored.blocked).toBeNull();
    const after = await cardRow(card.id);
    expect({ ...after, pinFailures: before.pinFailures }).toEqual(before);
    await createTransaction(till('g'), drawdown({ token: card.token }));
    expect((await cardRow(card.id)).balance).toBe(BigInt(49_000));

    const audit = await t.db.auditEvent.findMany({
      where: { targetId: before.id, action: { in: ['card.block', 'card.unblock'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorId, a.data])).toEqual([
      [
        'card.block',
        c.staff.userId,
        {
          card_id: card.id,
          via: 'hq',
          before: { blocked: false, status: 'unused', balance: 50_000 },
          after: { blocked: true, reason: 'stolen', note: 'Customer called 10:14' },
        },
      ],
      [
        'card.unblock',
        admin.userId,
        {
          card_id: card.id,
          via: 'hq',
          before: { blocked: true, reason: 'stolen', note: 'Customer called 10:14', blocked_at: expect.any(String), blocked_by: `user:${c.staff.userId}` },
          after: { blocked: false, note: 'Found by customer' },
        },
      ],
    ]);
  });

  it('a blocked inactive card cannot be activated, by the API (404 like an unknown card) or at the counter', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    await blockCard(c.api, id, blockCardSchema.parse({ reason: 'damaged' }));
    const unknown = await answer(activateCard(c.api, 'no-such-card', activateCardSchema.parse({ amount: 10_000, currency: 'NOK' })));
    expect(await answer(activateCard(c.api, id, activateCardSchema.parse({ amount: 10_000, currency: 'NOK' })))).toBe(unknown);
    expect((await cardRow(id)).status).toBe('inactive');
    const sale = await findCardForSale(c.osloClerk, resolveCardSchema.parse({ code: id }));
    expect(sale.problem?.reason).toBe('card_blocked');
  });

  it('blocking is naturally idempotent: a second block answers the same and records nothing new', async () => {
    const card = await activeCard();
    const first = await blockCard(c.staff, card.id, blockCardSchema.parse({ reason: 'lost' }));
    const second = await blockCard(admin, card.id, blockCardSchema.parse({ reason: 'other', note: 'again' }));
    expect(second).toEqual(first);
    const pk = (await cardRow(card.id)).id;
    expect(await t.db.auditEvent.count({ where: { targetId: pk, action: 'card.block' } })).toBe(1);
    expect(await unblockCard(admin, card.id, unblockCardSchema.parse({}))).toEqual(await unblockCard(c.staff, card.id, unblockCardSchema.parse({})));
    expect(await t.db.auditEvent.count({ where: { targetId: pk, action: 'card.unblock' } })).toBe(1);
  });

  it('clerks cannot block or unblock from HQ, nor can a till or a read client; a clerk may block at the counter', async () => {
    const card = await activeCard();
    await expect(blockCard(c.osloClerk, card.id, blockCardSchema.parse({ reason: 'lost' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(blockCard(till(), card.id, blockCardSchema.parse({ reason: 'lost' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(blockCard({ ...c.api, scopes: ['read:wallets'] }, card.id, blockCardSchema.parse({ reason: 'lost' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await cardRow(card.id)).blockedAt).toBeNull();

    expect(await blockAtCounter(c.osloClerk, blockAtCounterSchema.parse({ cardId: card.id, reason: 'suspected_fraud', note: 'Scratched-off PIN' }))).toEqual({
      cardId: card.id,
      blocked: true,
    });
    const row = await cardRow(card.id);
    expect(row).toMatchObject({ blockedReason: 'suspected_fraud', blockedBy: `user:${c.osloClerk.userId}` });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { targetId: row.id, action: 'card.block' } });
    expect(audit.data).toMatchObject({ via: 'counter', store_id: c.oslo.id, after: { reason: 'suspected_fraud' } });
    await expect(unblockCard(c.osloClerk, card.id, unblockCardSchema.parse({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await cardRow(card.id)).blockedAt).not.toBeNull();
  });

  it('a card of another account cannot be blocked (404)', async () => {
    const card = await activeCard();
    const other = { ...c.api, accountId: 'X99999999' };
    await expect(blockCard(other, card.id, blockCardSchema.parse({ reason: 'lost' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await cardRow(card.id)).blockedAt).toBeNull();
  });

  it('a block racing drawdowns: each drawdown lands before the block or is refused as unknown; the ledger agrees', async () => {
    for (let round = 0; round < 5; round++) {
      const card = await activeCard(10_000);
      const results = await Promise.allSettled([
        ...Array.from({ length: 4 }, (_, i) => createTransaction(till(`race-${round}-${i}`), drawdown({ token: card.token }, 1_000))),
        blockCard(c.staff, card.id, blockCardSchema.parse({ reason: 'suspected_fraud' })),
        ...Array.from({ length: 4 }, (_, i) => createTransaction(till(`race-${round}-b${i}`), drawdown({ token: card.token }, 1_000))),
      ]);
      expect(results[4]!.status).toBe('fulfilled');
      const drawn = results.filter((r, i) => i !== 4 && r.status === 'fulfilled').length;
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'NOT_FOUND', message: NO_MATCH_MESSAGE });
      const row = await cardRow(card.id);
      expect(row.blockedAt).not.toBeNull();
      expect(row.balance).toBe(BigInt(10_000 - drawn * 1_000));
      // Every drawdown that landed was written before the block.
      const rows = await t.db.cardTransaction.findMany({ where: { cardPk: row.id, kind: 'DRAWDOWN' } });
      expect(rows).toHaveLength(drawn);
      for (const r of rows) expect(r.createdAt.getTime()).toBeLessThanOrEqual(row.blockedAt!.getTime());
    }
    expect((await checkLedger(t.db)).mismatchCount).toBe(0);
  });
});
