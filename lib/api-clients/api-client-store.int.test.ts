/**
 * A till's API client belongs to a store (issue 13: cross-store redemption for franchise
 * settlement): what it activates is sold at that store, what it redeems is redeemed there, and the
 * store performance report sees both. A store of another chain is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { activateCard } from '@/lib/cards/activate-card';
import { createTransaction } from '@/lib/cards/create-transaction';
import { activateCardSchema, createTransactionSchema } from '@/lib/cards/schemas';
import { getStorePerformanceReport } from '@/lib/reports/store-performance';
import { seedAccount, seedStore, seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { loadApiClientActor } from './authenticate-api-client';
import { createApiClient } from './create-api-client';
import { createApiClientSchema } from './schemas';

describe('API clients of a store', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function till(storeId: string | undefined): Promise<ApiClientActor> {
    const clientId = freshId('till');
    await createApiClient(admin, createApiClientSchema.parse({ name: 'Till', clientId, scope: 'admin:wallets', storeId: storeId ?? '' }));
    const row = await t.db.apiClient.findUniqueOrThrow({ where: { clientId } });
    return (await loadApiClientActor(row.id))!;
  }

  it('books a till client’s activation and drawdown at its store; a web shop’s at none', async () => {
    const [oslo, bergen, shop] = [await till(c.oslo.id), await till(c.bergen.id), await till(undefined)];
    expect([oslo.storeId, bergen.storeId, shop.storeId]).toEqual([c.oslo.id, c.bergen.id, null]);

    const id = freshId('st');
    const { cards } = await seedCards(c.api, [id]);
    await activateCard(oslo, id, activateCardSchema.parse({ amount: 40_000, currency: 'NOK' }));
    await createTransaction(bergen, createTransactionSchema.parse({ token: cards[0]!.token, ref_id: randomUUID(), amount: 15_000, currency: 'NOK' }));
    await createTransaction(shop, createTransactionSchema.parse({ token: cards[0]!.token, ref_id: randomUUID(), amount: 5_000, currency: 'NOK' }));

    const card = await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });
    expect(card.activatedStoreId).toBe(c.oslo.id);
    const rows = await t.db.cardTransaction.findMany({ where: { cardPk: card.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.kind, r.storeId, r.saleStoreId])).toEqual([
      ['FUND', c.oslo.id, c.oslo.id],
      ['DRAWDOWN', c.bergen.id, c.oslo.id],
      ['DRAWDOWN', null, c.oslo.id],
    ]);

    const report = await getStorePerformanceReport(c.staff, { granularity: 'day', days: 30 });
    const line = report.lines.find((l) => l.storeId === c.oslo.id && l.currency === 'NOK')!;
    expect(line).toMatchObject({ cardsSold: 1, loaded: 40_000n, redeemedHere: 0n, redeemedElsewhere: 15_000n, redeemedNoStore: 5_000n });
    expect(report.lines.find((l) => l.storeId === c.bergen.id && l.currency === 'NOK')).toMatchObject({ othersRedeemedHere: 15_000n });
  });

  it('refuses a store of another chain, or a disabled one, and creates nothing', async () => {
    const other = await seedStore(t.db, (await seedAccount(t.db, 'Other Chain')).id);
    const disabled = await seedStore(t.db, c.account.id);
    await t.db.store.update({ where: { id: disabled.id }, data: { isDisabled: true } });
    for (const storeId of [other.id, disabled.id]) {
      const clientId = freshId('bad');
      await expect(createApiClient(admin, createApiClientSchema.parse({ name: 'Till', clientId, scope: 'admin:wallets', storeId }))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: { fieldErrors: { storeId: ['Choose a store of this chain'] } },
      });
      expect(await t.db.apiClient.count({ where: { clientId } })).toBe(0);
    }
  });
});
