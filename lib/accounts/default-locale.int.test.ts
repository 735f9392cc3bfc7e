/** The account's default UI language (HQ → Settings): new users and stores without a receipt language follow it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserLocale } from '@/lib/users/get-user-locale';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { setDefaultLocaleSchema } from './schemas';
import { setDefaultLocale } from './set-default-locale';

describe('account default language', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('an admin sets it; users without their own choice follow it, users with one keep theirs; audited', async () => {
    const account = await seedAccount(t.db);
    const admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const chose = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    await t.db.user.update({ where: { id: chose.userId }, data: { locale: 'en' } });
    expect(await getUserLocale(admin)).toBe('en');
    await setDefaultLocale(admin, setDefaultLocaleSchema.parse({ locale: 'nb' }));
    expect(await getUserLocale(admin)).toBe('nb');
    expect(await getUserLocale(chose)).toBe('en');
    expect(await t.db.auditEvent.findFirst({ where: { accountId: account.id, action: 'account.default_locale_update' } })).toMatchObject({
      data: { before: 'en', after: 'nb' },
    });
  });

  it('staff may not, and only languages the UI has', async () => {
    const account = await seedAccount(t.db);
    const staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    await expect(setDefaultLocale(staff, { locale: 'nb' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(setDefaultLocaleSchema.safeParse({ locale: 'sv' }).success).toBe(false);
  });
});
