import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { authenticate } from './authenticate';
import { pruneRateLimits } from '@/lib/rate-limit/failure-limiter';
import { beginSignInAttempt, endSignInAttempt, loginThrottleRules } from './login-throttle';

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
    for (let i = 0; i < 3; i++) expect(await beginSignInAttempt({ email: `spray${i}@test.example`, address }, rules)).toEqual({ allowed: true });
    expect(await beginSignInAttempt({ email: 'fresh@test.example', address }, rules)).toMatchObject({ allowed: false });
    const elsewhere = { email: 'fresh@test.example', address: '203.0.113.100' };
    expect(await beginSignInAttempt(elsewhere, rules)).toEqual({ allowed: true });
    await endSignInAttempt(elsewhere, 'success', rules);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await beginSignInAttempt({ email: 'fresh@test.example', address }, rules)).toEqual({ allowed: true });
  });

  it('counts attempts before the password check, so guesses sent at once are limited too', async () => {
    const rules = { maxFailuresPerEmail: 5, maxFailuresPerAddress: 1000, lockSeconds: 60 };
    const email = `race-${Date.now()}@test.example`;
    const attempts = await Promise.all(Array.from({ length: 20 }, () => beginSignInAttempt({ email, address: '203.0.113.5' }, rules)));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(5);
    // The real path: many wrong passwords at once for one email — at most the limit are checked.
    const victim = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    const results = await Promise.all(Array.from({ length: maxFailures + 10 }, () => fail(victim.email)));
    expect(results.filter((r) => r.ok === false && r.reason === 'invalid_credentials')).toHaveLength(maxFailures);
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
