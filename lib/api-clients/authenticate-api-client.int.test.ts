/** Token endpoint credentials: failure limits per client id and per address (both databases). */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginThrottleRules } from '@/lib/auth/login-throttle';
import { hashPassword, hashStats } from '@/lib/auth/password';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { authenticateApiClient, forgetVerifiedSecrets } from './authenticate-api-client';
import { forgetRememberedLocks } from './token-throttle';

async function seedClient(db: PrismaClient, accountId: string) {
  const clientId = `client-${randomBytes(5).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await db.apiClient.create({ data: { accountId, clientId, secretHash: await hashPassword(secret), scopes: ['read:wallets'] } });
  return { clientId, secret };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? 'thrown',
  );

describe('token endpoint credentials', () => {
  let t: TestDatabase;
  let accountId: string;
  const limit = loginThrottleRules().maxFailuresPerEmail;
  const perAddress = loginThrottleRules().maxFailuresPerAddress;

  beforeAll(async () => {
    t = await createTestDatabase();
    accountId = (await seedAccount(t.db)).id;
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    forgetVerifiedSecrets();
    forgetRememberedLocks();
  });

  it(`locks a client id after ${limit} failures, before any hash, with the time to wait; another client goes on`, async () => {
    const victim = await seedClient(t.db, accountId);
    const other = await seedClient(t.db, accountId);
    for (let i = 0; i < limit; i++) {
      expect(await outcome(authenticateApiClient(accountId, victim.clientId, `guess-${i}`))).toBe('UNAUTHENTICATED');
    }
    const locked = authenticateApiClient(accountId, victim.clientId, 'guess-x');
    await expect(locked).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'token_requests_locked' } });
    const error = (await locked.catch((e: unknown) => e)) as { details: { retry_after_seconds: number } };
    expect(error.details.retry_after_seconds).toBeGreaterThan(60);
    // While locked, even the right secret is refused (this process never verified it), and the
    // refusals are answered from memory: no more counter writes, however long the flood.
    const points = async () => (await t.db.rateLimit.aggregate({ _sum: { points: true }, where: { key: { startsWith: 'token-client' } } }))._sum.points;
    const pointsWhenLocked = await points();
    expect(pointsWhenLocked).toBeGreaterThan(limit);
    expect(await outcome(authenticateApiClient(accountId, victim.clientId, victim.secret))).toBe('LIMIT_EXCEEDED');
    for (let i = 0; i < 5; i++) expect(await outcome(authenticateApiClient(accountId, victim.clientId, `more-${i}`))).toBe('LIMIT_EXCEEDED');
    expect(await points()).toBe(pointsWhenLocked);
    expect(await authenticateApiClient(accountId, other.clientId, other.secret)).toMatchObject({ clientId: other.clientId });
  });

  it('holds for a burst: of many different guesses sent at once, exactly the limit are checked', async () => {
    const victim = await seedClient(t.db, accountId);
    const results = await Promise.all(Array.from({ length: limit + 8 }, (_, i) => outcome(authenticateApiClient(accountId, victim.clientId, `burst-${i}`))));
    expect(results.filter((r) => r === 'UNAUTHENTICATED')).toHaveLength(limit);
    expect(results.filter((r) => r === 'LIMIT_EXCEEDED')).toHaveLength(8);
  });

  it('counts unknown client ids exactly like known ones, without a hash', async () => {
    const unknown = `nobody-${randomBytes(4).toString('hex')}`;
    await outcome(authenticateApiClient(accountId, `warm-up-${unknown}`, 'x')); // at most one calibration hash per process
    const hashesBefore = hashStats().completed;
    for (let i = 0; i < limit; i++) {
      expect(await outcome(authenticateApiClient(accountId, unknown, `guess-${i}`))).toBe('UNAUTHENTICATED');
    }
    expect(await outcome(authenticateApiClient(accountId, unknown, 'again'))).toBe('LIMIT_EXCEEDED');
    // No scrypt ran for the unknown id: the answer only waited as long as one takes.
    expect(hashStats().completed).toBe(hashesBefore);
  });

  it('a success clears the run of failures', async () => {
    const client = await seedClient(t.db, accountId);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < limit - 1; i++) {
        expect(await outcome(authenticateApiClient(accountId, client.clientId, `guess-${round}-${i}`))).toBe('UNAUTHENTICATED');
      }
      forgetVerifiedSecrets(); // a real check each round, not the remembered one
      expect(await outcome(authenticateApiClient(accountId, client.clientId, client.secret))).toBe('ok');
    }
  });

  it('lets a secret this process verified through while its client id is flooded, without a hash; revoking still stops it', async () => {
    const till = await seedClient(t.db, accountId);
    expect(await outcome(authenticateApiClient(accountId, till.clientId, till.secret))).toBe('ok');
    const flood = await Promise.all(Array.from({ length: limit + 5 }, (_, i) => outcome(authenticateApiClient(accountId, till.clientId, `flood-${i}`))));
    expect(flood.filter((r) => r === 'LIMIT_EXCEEDED')).toHaveLength(5);
    const hashesBefore = hashStats().completed;
    expect(await authenticateApiClient(accountId, till.clientId, till.secret)).toMatchObject({ clientId: till.clientId });
    expect(hashStats().completed).toBe(hashesBefore);
    // The remembered secret only stands for an unchanged, unrevoked client of this account.
    expect(await outcome(authenticateApiClient('P99999999', till.clientId, till.secret))).toBe('UNAUTHENTICATED');
    await t.db.apiClient.update({ where: { clientId: till.clientId }, data: { revokedAt: new Date() } });
    expect(await outcome(authenticateApiClient(accountId, till.clientId, till.secret))).toBe('UNAUTHENTICATED');
  });

  it('a new secret for the client makes the remembered one worthless', async () => {
    const till = await seedClient(t.db, accountId);
    expect(await outcome(authenticateApiClient(accountId, till.clientId, till.secret))).toBe('ok');
    await t.db.apiClient.update({ where: { clientId: till.clientId }, data: { secretHash: await hashPassword('a-new-secret') } });
    expect(await outcome(authenticateApiClient(accountId, till.clientId, till.secret))).toBe('UNAUTHENTICATED');
    expect(await outcome(authenticateApiClient(accountId, till.clientId, 'a-new-secret'))).toBe('ok');
  });

  it('many identical requests at once share one check (a till retrying does not lock itself out)', async () => {
    const till = await seedClient(t.db, accountId);
    const hashesBefore = hashStats().completed;
    const results = await Promise.all(Array.from({ length: limit * 2 }, () => outcome(authenticateApiClient(accountId, till.clientId, till.secret))));
    expect(results.every((r) => r === 'ok')).toBe(true);
    expect(hashStats().completed - hashesBefore).toBe(1);
  });

  it(`limits failures per client address (any client ids) after ${perAddress}`, async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const ids = Array.from({ length: perAddress + 1 }, (_, i) => `spray-${randomBytes(3).toString('hex')}-${i}`);
    const results: string[] = [];
    // Sprayed over many ids (each stays under its own limit), a few at a time.
    for (let i = 0; i < ids.length; i += 20) {
      results.push(...(await Promise.all(ids.slice(i, i + 20).map((id) => outcome(authenticateApiClient(accountId, id, 'x', { address }))))));
    }
    expect(results.filter((r) => r === 'UNAUTHENTICATED')).toHaveLength(perAddress);
    expect(results.filter((r) => r === 'LIMIT_EXCEEDED')).toHaveLength(1);
    // Another address is not affected, and neither is a client without a known address.
    const client = await seedClient(t.db, accountId);
    expect(await outcome(authenticateApiClient(accountId, client.clientId, client.secret, { address: '198.51.100.1' }))).toBe('ok');
    expect(await outcome(authenticateApiClient(accountId, `spray-new`, 'x', { address }))).toBe('LIMIT_EXCEEDED');
  });
});
