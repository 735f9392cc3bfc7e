import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { getStorePolicy } from './get-store-policy';
import { updateStorePolicy } from './update-store-policy';

describe('store counter policy', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts empty, is set by an HQ admin only, and is audited', async () => {
    const account = await seedAccount(t.db);
    const admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    expect(await getStorePolicy(staff)).toEqual({ denominations: [], minAmount: null, maxAmount: null, expiryDays: null, timeZone: 'UTC' });
    const policy = { denominations: [20_000, 50_000], minAmount: 10_000, maxAmount: 1_000_000, expiryDays: 1096, timeZone: 'Europe/Oslo' };
    await expect(updateStorePolicy(staff, policy)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await updateStorePolicy(admin, policy);
    expect(await getStorePolicy(staff)).toEqual(policy);
    expect(await t.db.auditEvent.count({ where: { action: 'account.store_policy_update', targetId: account.id } })).toBe(1);
  });

  it("applies the amounts only to stores selling in the account's currency (500 NOK is not 500 EUR)", async () => {
    const account = await seedAccount(t.db);
    const admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const policy = { denominations: [20_000], minAmount: 10_000, maxAmount: 100_000, expiryDays: 365, timeZone: 'Europe/Oslo' };
    await updateStorePolicy(admin, policy);
    const { defaultCurrency } = await t.db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(await getStorePolicy(admin, { db: t.db, currency: defaultCurrency })).toEqual(policy);
    const other = defaultCurrency === 'EUR' ? 'SEK' : 'EUR';
    expect(await getStorePolicy(admin, { db: t.db, currency: other })).toEqual({ ...policy, denominations: [], minAmount: null, maxAmount: null });
  });

  it('the database refuses an incoherent policy whatever writes it', async () => {
    const account = await seedAccount(t.db);
    await expect(t.db.account.update({ where: { id: account.id }, data: { cardMinAmount: BigInt(500), cardMaxAmount: BigInt(100) } })).rejects.toThrow();
    await expect(
      t.db.walletSettings.create({ data: { accountId: account.id, defaultCardExpiresInDays: -1, createdBy: 'test', updatedBy: 'test' } }),
    ).rejects.toThrow();
  });
});
