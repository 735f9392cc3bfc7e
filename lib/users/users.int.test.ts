import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { authenticate } from '@/lib/auth/authenticate';
import { endSession, pruneEndedSessions } from '@/lib/auth/ended-sessions';
import { loadUserActor } from '@/lib/auth/load-actor';
import { seedAccount, seedStore, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { assignClerkStore } from './assign-clerk-store';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { createUserSchema } from './schemas';
import { setUserDisabled } from './set-user-disabled';

describe('user administration', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let staff: UserActor;
  let otherAdmin: UserActor;
  let storeA: { id: string };
  let storeB: { id: string };
  let foreignStore: { id: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    const other = await seedAccount(t.db, 'Other Chain');
    storeA = await seedStore(t.db, account.id, 'A');
    storeB = await seedStore(t.db, account.id, 'B');
    foreignStore = await seedStore(t.db, other.id, 'Foreign');
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    otherAdmin = await seedUser(t.db, { accountId: other.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  const input = (overrides: Record<string, string>) =>
    createUserSchema.parse({ email: `u${Math.random()}@x.example`, role: 'CLERK', storeId: storeA.id, password: 'long-enough-pw', ...overrides });

  it('an admin creates a clerk who can then sign in', async () => {
    const user = await createUser(admin, input({ email: 'New.Clerk@Example.com' }));
    expect(user).toMatchObject({ email: 'new.clerk@example.com', role: 'CLERK', storeId: storeA.id });
    const login = await authenticate({ email: 'new.clerk@example.com', password: 'long-enough-pw' });
    expect(login.ok).toBe(true);
    const audit = await t.db.auditEvent.findFirst({ where: { action: 'user.create', targetId: user.id } });
    expect(audit?.actorId).toBe(admin.userId);
    expect(JSON.stringify(audit?.data)).not.toContain('long-enough-pw');
  });

  it('the schema requires a store for clerks and forbids one for HQ roles, reporting every field', () => {
    const noStore = createUserSchema.safeParse({ email: 'bad', role: 'CLERK', storeId: '', password: 'short' });
    expect(noStore.success).toBe(false);
    const paths = noStore.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'storeId']));
    const hqWithStore = createUserSchema.safeParse({ email: 'a@b.example', role: 'HQ_STAFF', storeId: storeA.id, password: 'long-enough-pw' });
    expect(hqWithStore.error?.issues[0]?.path).toEqual(['storeId']);
  });

  it('a duplicate email is a conflict on the email field', async () => {
    await createUser(admin, input({ email: 'dup@x.example' }));
    await expect(createUser(admin, input({ email: 'DUP@x.example' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { fieldErrors: { email: ['A user with that email already exists'] } },
    });
  });

  it("a clerk cannot be put in another account's store", async () => {
    await expect(createUser(admin, input({ storeId: foreignStore.id }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('HQ staff cannot manage users', async () => {
    await expect(createUser(staff, input({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listUsers(staff)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setUserDisabled(staff, { userId: admin.userId, isDisabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('disabling a user refuses their sign-in and ends their session; enabling restores it', async () => {
    const clerk = await seedUser(t.db, { accountId: admin.accountId, role: 'CLERK', storeId: storeA.id });
    await setUserDisabled(admin, { userId: clerk.userId, isDisabled: true });
    expect(await authenticate({ email: clerk.email, password: TEST_PASSWORD })).toEqual({ ok: false, reason: 'disabled' });
    expect(await loadUserActor(clerk.userId)).toBeNull();
    await setUserDisabled(admin, { userId: clerk.userId, isDisabled: false });
    expect((await authenticate({ email: clerk.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it('signing out ends that session for good, not the same user’s other sessions', async () => {
    const clerk = await seedUser(t.db, { accountId: admin.accountId, role: 'CLERK', storeId: storeA.id });
    const tillOne = { userId: clerk.userId, sessionId: randomUUID(), loginAt: Date.now() };
    const tillTwo = randomUUID();
    expect(await loadUserActor(clerk.userId, tillOne.sessionId)).not.toBeNull();
    await endSession(tillOne);
    await endSession(tillOne); // a second sign-out click is harmless
    expect(await loadUserActor(clerk.userId, tillOne.sessionId)).toBeNull();
    expect(await loadUserActor(clerk.userId, tillTwo)).not.toBeNull();
  });

  it('forgets ended sessions only once their lifetime is over', async () => {
    const clerk = await seedUser(t.db, { accountId: admin.accountId, role: 'CLERK', storeId: storeA.id });
    const session = { userId: clerk.userId, sessionId: randomUUID(), loginAt: Date.now() };
    await endSession(session, 60_000);
    await pruneEndedSessions(new Date(session.loginAt + 59_000));
    expect(await loadUserActor(clerk.userId, session.sessionId)).toBeNull();
    expect(await pruneEndedSessions(new Date(session.loginAt + 61_000))).toBeGreaterThanOrEqual(1);
    expect(await t.db.endedSession.count({ where: { sessionId: session.sessionId } })).toBe(0);
  });

  it('an admin cannot disable themselves', async () => {
    await expect(setUserDisabled(admin, { userId: admin.userId, isDisabled: true })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("an admin cannot see or touch another account's users", async () => {
    const users = await listUsers(otherAdmin);
    expect(users.map((u) => u.id)).not.toContain(admin.userId);
    await expect(setUserDisabled(otherAdmin, { userId: staff.userId, isDisabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assignClerkStore(otherAdmin, { userId: staff.userId, storeId: foreignStore.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('assigns a clerk to another store of the account, and only clerks', async () => {
    const clerk = await seedUser(t.db, { accountId: admin.accountId, role: 'CLERK', storeId: storeA.id });
    await assignClerkStore(admin, { userId: clerk.userId, storeId: storeB.id });
    expect((await loadUserActor(clerk.userId))?.storeId).toBe(storeB.id);
    await expect(assignClerkStore(admin, { userId: staff.userId, storeId: storeB.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(assignClerkStore(admin, { userId: clerk.userId, storeId: foreignStore.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('the database itself refuses a clerk without a store', async () => {
    await expect(t.db.user.create({ data: { accountId: admin.accountId, email: 'nostore@x.example', role: 'CLERK', passwordHash: 'x' } })).rejects.toThrow();
  });
});

describe('sign-in', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const account = await seedAccount(t.db);
    const user = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    const unknown = await authenticate({ email: 'nobody@x.example', password: TEST_PASSWORD });
    const wrong = await authenticate({ email: user.email, password: 'wrong-password' });
    expect(unknown).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(wrong).toEqual(unknown);
  });

  it('accepts the email in any case and records the login', async () => {
    const account = await seedAccount(t.db);
    const user = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const result = await authenticate({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
    expect(result.ok).toBe(true);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(row.lastLoginAt).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: 'auth.login', actorId: user.userId } })).toBe(1);
  });

  it('refuses clerks of a disabled store', async () => {
    const account = await seedAccount(t.db);
    const store = await seedStore(t.db, account.id);
    const clerk = await seedUser(t.db, { accountId: account.id, role: 'CLERK', storeId: store.id });
    await t.db.store.update({ where: { id: store.id }, data: { isDisabled: true } });
    expect(await authenticate({ email: clerk.email, password: TEST_PASSWORD })).toEqual({ ok: false, reason: 'disabled' });
  });
});
