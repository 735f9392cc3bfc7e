/** A store's receipt language (issue 15): set in HQ → Stores, printed on the counter's receipt whatever the clerk reads. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateAtStore } from '@/lib/counter/activate-at-store';
import { activateAtStoreSchema } from '@/lib/counter/schemas';
import { setUserLocale } from '@/lib/users/set-user-locale';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { createStore } from './create-store';
import { listStores } from './list-stores';
import { setStoreLocaleSchema } from './schemas';
import { setStoreLocale } from './set-store-locale';

describe('store receipt language', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const sell = async (cardId: string) => {
    await seedCards(c.api, [cardId]);
    return activateAtStore(c.osloClerk, activateAtStoreSchema.parse({ cardId, amount: '500', requestKey: randomUUID() }));
  };

  it('a store without a setting prints in the account default; with one, in its own language, whatever the clerk reads', async () => {
    await t.db.account.update({ where: { id: c.account.id }, data: { defaultLocale: 'en' } });
    expect((await sell(freshId())).locale).toBe('en');

    const admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    await setStoreLocale(admin, setStoreLocaleSchema.parse({ storeId: c.oslo.id, locale: 'nb' }));
    await setUserLocale(c.osloClerk, { locale: 'en' });
    expect((await sell(freshId())).locale).toBe('nb');
    expect(await t.db.auditEvent.count({ where: { action: 'store.set_locale', targetId: c.oslo.id } })).toBe(1);

    // '' goes back to the account's default.
    await setStoreLocale(admin, setStoreLocaleSchema.parse({ storeId: c.oslo.id, locale: '' }));
    expect((await listStores(admin)).find((s) => s.id === c.oslo.id)?.locale).toBeNull();
    await t.db.account.update({ where: { id: c.account.id }, data: { defaultLocale: 'nb' } });
    expect((await sell(freshId())).locale).toBe('nb');
  });

  it('only HQ admins set it, only in their own account, only to a language the UI has', async () => {
    const admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    await expect(setStoreLocale(c.staff, { storeId: c.oslo.id, locale: 'nb' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const otherAdmin = await seedUser(t.db, { accountId: (await seedAccount(t.db, 'Other')).id, role: 'HQ_ADMIN' });
    const other = await createStore(otherAdmin, { name: 'Elsewhere', currency: 'NOK' });
    await expect(setStoreLocale(admin, { storeId: other.id, locale: 'nb' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(setStoreLocaleSchema.safeParse({ storeId: c.oslo.id, locale: 'de' }).success).toBe(false);
    // The database refuses a language without a catalogue too.
    await expect(t.db.store.update({ where: { id: c.oslo.id }, data: { locale: 'de' } })).rejects.toThrow();
  });
});
