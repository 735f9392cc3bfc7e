/**
 * Revoking an API client stops its access tokens: at once on the server process that revoked it,
 * and within API_CLIENT_CACHE_SECONDS on every other instance (which only sees the database). The
 * "other instance" here is the revocation written through a second database client, as another
 * server would; the clock is passed in, so the test shows both sides of the bound.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDbClient } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { API_CLIENT_CACHE_SECONDS, forgetApiClientActor, loadApiClientActor } from './authenticate-api-client';
import { revokeApiClient } from './revoke-api-client';

describe('revoking an API client', () => {
  let t: TestDatabase;
  let otherInstance: PrismaClient;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    otherInstance = createDbClient(t.url, { max: 1 });
    accountId = (await seedAccount(t.db)).id;
  });
  afterAll(async () => {
    await otherInstance.$disconnect();
    await t.close();
  });
  beforeEach(() => forgetApiClientActor());

  const seedClient = async () =>
    (await t.db.apiClient.create({ data: { accountId, clientId: `till-${randomBytes(4).toString('hex')}`, secretHash: 'x', scopes: ['read:wallets'] } })).id;

  it('stops its tokens at once on the instance that revoked it', async () => {
    const id = await seedClient();
    expect(await loadApiClientActor(id)).toMatchObject({ apiClientId: id, accountId });
    const admin = await seedUser(t.db, { accountId, role: 'HQ_ADMIN' });
    await revokeApiClient(admin, { apiClientId: id });
    expect(await loadApiClientActor(id)).toBeNull();
  });

  it(`stops them within ${API_CLIENT_CACHE_SECONDS} s on another instance, and not later`, async () => {
    const id = await seedClient();
    const start = Date.now();
    expect(await loadApiClientActor(id, start)).not.toBeNull();
    await otherInstance.apiClient.update({ where: { id }, data: { revokedAt: new Date() } });
    // Inside the bound this instance may still accept the token (it has not asked the database)...
    expect(await loadApiClientActor(id, start + API_CLIENT_CACHE_SECONDS * 1000 - 1)).not.toBeNull();
    // ...and once the bound has passed it refuses it, and keeps refusing it.
    expect(await loadApiClientActor(id, start + API_CLIENT_CACHE_SECONDS * 1000)).toBeNull();
    expect(await loadApiClientActor(id, start + API_CLIENT_CACHE_SECONDS * 1000 + 1)).toBeNull();
    expect(await loadApiClientActor(id, Date.now() + 3600_000)).toBeNull();
  });

  it('reads the database once per client within the bound, not once per request', async () => {
    const id = await seedClient();
    const start = Date.now();
    await loadApiClientActor(id, start);
    // Deleting the row behind the cache's back shows whether a later call reads it.
    await otherInstance.apiClient.delete({ where: { id } });
    expect(await loadApiClientActor(id, start + 1000)).not.toBeNull();
    expect(await loadApiClientActor(id, start + API_CLIENT_CACHE_SECONDS * 1000)).toBeNull();
  });
});
