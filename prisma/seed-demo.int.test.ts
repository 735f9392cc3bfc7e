import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/auth/authenticate';
import { verifyPassword } from '@/lib/auth/password';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { DEMO_ACCOUNT, DEMO_API_CLIENT, DEMO_PASSWORD, DEMO_STORES, DEMO_USERS, seedDemo } from './seed-demo';

describe('demo seed', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  async function counts() {
    const [accounts, stores, users, apiClients] = await Promise.all([t.db.account.count(), t.db.store.count(), t.db.user.count(), t.db.apiClient.count()]);
    return { accounts, stores, users, apiClients };
  }

  it('creates the demo account, stores, users and API client', async () => {
    await seedDemo(t.db);
    expect(await counts()).toEqual({ accounts: 1, stores: DEMO_STORES.length, users: DEMO_USERS.length, apiClients: 1 });
    const account = await t.db.account.findUniqueOrThrow({ where: { id: 'T12345678' } });
    expect(account).toMatchObject({
      name: 'Demo Retail',
      defaultCurrency: DEMO_ACCOUNT.defaultCurrency,
      cardDenominations: [BigInt(20_000), BigInt(50_000), BigInt(100_000)],
      cardMinAmount: BigInt(10_000),
      cardMaxAmount: BigInt(1_000_000),
      timeZone: 'Europe/Oslo',
    });
    expect(await t.db.walletSettings.findUnique({ where: { accountId: DEMO_ACCOUNT.id } })).toMatchObject({ defaultCardExpiresInDays: 1096 });
    const oslo = await t.db.user.findUniqueOrThrow({ where: { email: 'oslo@demo.test' }, include: { store: true } });
    expect(oslo.role).toBe('CLERK');
    expect(oslo.store?.name).toBe('Oslo Downtown');
    const client = await t.db.apiClient.findUniqueOrThrow({ where: { clientId: 'demo-client' } });
    expect(client.scopes).toEqual(['admin:wallets']);
    expect(await verifyPassword(DEMO_API_CLIENT.secret, client.secretHash)).toBe(true);
  });

  it('is idempotent: a second run duplicates nothing', async () => {
    const before = await counts();
    await seedDemo(t.db);
    expect(await counts()).toEqual(before);
  });

  it('leaves changes made through the app alone', async () => {
    await t.db.walletSettings.update({ where: { accountId: DEMO_ACCOUNT.id }, data: { defaultCardExpiresInDays: null } });
    await seedDemo(t.db);
    expect((await t.db.walletSettings.findUniqueOrThrow({ where: { accountId: DEMO_ACCOUNT.id } })).defaultCardExpiresInDays).toBeNull();

    await t.db.user.update({ where: { email: 'bergen@demo.test' }, data: { isDisabled: true } });
    await seedDemo(t.db);
    const bergen = await t.db.user.findUniqueOrThrow({ where: { email: 'bergen@demo.test' } });
    expect(bergen.isDisabled).toBe(true);
    await t.db.user.update({ where: { email: 'bergen@demo.test' }, data: { isDisabled: false } });
  });

  it.each(DEMO_USERS.map((u) => [u.email, u.role] as const))('%s signs in as %s with the demo password', async (email, role) => {
    const result = await authenticate({ email, password: DEMO_PASSWORD });
    expect(result.ok && result.user.role).toBe(role);
  });
});
