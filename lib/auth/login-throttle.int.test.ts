import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { authenticate } from './authenticate';
import { pruneRateLimits } from '@/lib/rate-limit/failure-limiter';
import { loginLockedFor, loginThrottleRules, recordLoginFailure, recordLoginSuccess } from './login-throttle';

describe('sign-in lockout', () => {
  let t: TestDatabase;
  let account: { id: string };
  let user: UserActor;
  const maxFailures = loginThrottleRules().maxFailuresPerEmail;

  beforeAll(async () => {
    t = await createTestDatabase();
    account = await seedAccount(t.db);
    user = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
  });
  afterAll(async () => {
    await t.close();
  });

  const fail = (email: string, address = '203.0.113.7') => authenticate({ email, password: 'wrong-password' }, { address });

  it('locks an email after the configured failures in a row, even for the right password, and says so', async () => {
    const victim = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    for (let i = 0; i < maxFailures; i++) {
      // Each failure from a different address: the email lock does not depend on addresses.
      expect(await fail(victim.email, `198.51.100.${i}`)).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    const locked = await authenticate({ email: victim.email, password: TEST_PASSWORD }, { address: '192.0.2.1' });
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(locked.ok === false && locked.reason === 'locked' && locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(await t.db.auditEvent.count({ where: { action: 'auth.login_locked', targetId: victim.userId } })).toBe(1);
    // Another user is not affected.
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it('treats an unknown email exactly like a known one', async () => {
    const unknown = `nobody-${Date.now()}@test.example`;
    for (let i = 0; i < maxFailures; i++) expect((await fail(unknown, `198.51.101.${i}`)).ok).toBe(false);
    expect(await fail(unknown)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('a successful sign-in clears the run of failures', async () => {
    for (let i = 0; i < maxFailures - 1; i++) await fail(user.email, `198.51.102.${i}`);
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
    for (let i = 0; i < maxFailures - 1; i++) await fail(user.email, `198.51.103.${i}`);
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it('locks a client address that sprays many emails, and ends the lock after its time', async () => {
    const rules = { maxFailuresPerEmail: 100, maxFailuresPerAddress: 3, lockSeconds: 1 };
    const address = '203.0.113.99';
    for (let i = 0; i < 3; i++) {
      expect(await loginLockedFor({ email: `spray${i}@test.example`, address }, rules)).toBe(0);
      await recordLoginFailure({ email: `spray${i}@test.example`, address }, rules);
    }
    expect(await loginLockedFor({ email: 'fresh@test.example', address }, rules)).toBeGreaterThan(0);
    expect(await loginLockedFor({ email: 'fresh@test.example', address: '203.0.113.100' }, rules)).toBe(0);
    await recordLoginSuccess({ email: 'spray0@test.example', address }, rules);
    expect(await loginLockedFor({ email: 'fresh@test.example', address }, rules)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await loginLockedFor({ email: 'fresh@test.example', address }, rules)).toBe(0);
  });

  it('counts failures that race, and stores no email or address in clear', async () => {
    const rules = { maxFailuresPerEmail: 20, maxFailuresPerAddress: 1000, lockSeconds: 60 };
    const email = `race-${Date.now()}@test.example`;
    await Promise.all(Array.from({ length: 20 }, () => recordLoginFailure({ email, address: '203.0.113.5' }, rules)));
    expect(await loginLockedFor({ email }, rules)).toBeGreaterThan(0);
    const rows = await t.db.rateLimit.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).not.toMatch(/@|203\.0\.113/);
  });

  it('prunes counters whose time is over', async () => {
    const later = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    expect(await pruneRateLimits(later)).toBeGreaterThan(0);
    expect(await t.db.rateLimit.count({ where: { expire: { lt: later } } })).toBe(0);
  });
});
