import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { createStore } from './create-store';
import { listStores } from './list-stores';
import { createStoreSchema } from './schemas';
import { setStoreDisabled } from './set-store-disabled';

describe('store administration', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let staff: UserActor;
  let otherAdmin: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    const other = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    otherAdmin = await seedUser(t.db, { accountId: other.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an admin creates a store; staff see it but cannot create or disable', async () => {
    const store = await createStore(admin, createStoreSchema.parse({ name: ' Trondheim Torg ', currency: 'NOK' }));
    expect(store.name).toBe('Trondheim Torg');
    expect((await listStores(staff)).map((s) => s.name)).toContain('Trondheim Torg');
    await expect(createStore(staff, { name: 'X', currency: 'NOK' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setStoreDisabled(staff, { storeId: store.id, isDisabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('store names are unique within an account but not across accounts', async () => {
    await createStore(admin, { name: 'Same Name', currency: 'NOK' });
    await expect(createStore(admin, { name: 'Same Name', currency: 'SEK' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { fieldErrors: { name: ['A store with that name already exists'] } },
    });
    await expect(createStore(otherAdmin, { name: 'Same Name', currency: 'NOK' })).resolves.toBeTruthy();
  });

  it('validation reports bad names and currencies', () => {
    const result = createStoreSchema.safeParse({ name: 'x', currency: 'GBP' });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['currency', 'name']);
  });

  it("disabling works within the account and not on another account's store", async () => {
    const store = await createStore(admin, { name: 'To Disable', currency: 'NOK' });
    await setStoreDisabled(admin, { storeId: store.id, isDisabled: true });
    expect((await listStores(admin)).find((s) => s.id === store.id)?.isDisabled).toBe(true);
    await expect(setStoreDisabled(otherAdmin, { storeId: store.id, isDisabled: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.db.auditEvent.count({ where: { action: 'store.disable', targetId: store.id } })).toBe(1);
  });
});
