/**
 * Rotating the secrets master key (both databases): cards, PINs, vault chunks and API tokens
 * made under the old key keep working once it is listed as retired; new ones use the new key.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { issueAccessToken, verifyAccessToken } from '@/lib/api/access-token';
import { getCardInfo } from '@/lib/cards/card-info';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { assertTokensFree, TokenCollision } from '@/lib/cards/issue-secrets';
import { cardInfoSchema, createBatchSchema } from '@/lib/cards/schemas';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { hashToken } from './hash';
import { loadSecretKeysFrom, resetSecretKeysForTests } from './keys';
import { openChunk } from './vault';

const oldKeys = loadSecretKeysFrom(randomBytes(32).toString('base64'), 'k-2025');
const newKeys = loadSecretKeysFrom(randomBytes(32).toString('base64'), 'k-2026');

describe('secrets key rotation', () => {
  let t: TestDatabase;
  let api: ApiClientActor;
  let issued: Awaited<ReturnType<typeof createCardBatch>>;
  let oldAccessToken: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    api = { kind: 'api_client', apiClientId: '00000000-0000-0000-0000-000000000001', clientId: 'rotation', accountId: account.id, scopes: ['admin:wallets'] };
    resetSecretKeysForTests(oldKeys, []);
    issued = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: 'rot-1' }, { card_id: 'rot-2' }] }));
    oldAccessToken = await issueAccessToken({ clientId: 'rotation', apiClientId: api.apiClientId, accountId: account.id, scopes: ['read:wallets'] });
  });
  afterEach(() => resetSecretKeysForTests(newKeys, [oldKeys]));
  afterAll(async () => {
    resetSecretKeysForTests();
    await t.close();
  });

  const info = (input: Record<string, string>) => getCardInfo(api, cardInfoSchema.parse(input));

  it('finds old cards by token and verifies their PINs with the retired key', async () => {
    resetSecretKeysForTests(newKeys, [oldKeys]);
    expect(await info({ token: issued.secrets[0]!.token })).toMatchObject({ card_id: 'rot-1' });
    expect(await info({ card_id: 'rot-2', pin: issued.secrets[1]!.pin })).toMatchObject({ card_id: 'rot-2' });
  });

  it('without the retired key the old cards are not found — the keyring is what makes it work', async () => {
    resetSecretKeysForTests(newKeys, []);
    await expect(info({ token: issued.secrets[0]!.token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('opens vault chunks sealed with the retired key, and refuses an unknown key id clearly', async () => {
    resetSecretKeysForTests(newKeys, [oldKeys]);
    const chunk = await t.db.secretVaultChunk.findFirstOrThrow({ where: { batchId: issued.batch.id } });
    expect(chunk.keyId).toBe('k-2025');
    expect(openChunk(chunk).map((r) => r.cardId)).toEqual(['rot-1', 'rot-2']);
    resetSecretKeysForTests(newKeys, []);
    expect(() => openChunk(chunk)).toThrow(/k-2025.*CARDSTOCK_SECRETS_RETIRED_KEYS/);
  });

  it('accepts API access tokens signed before the rotation until they expire', async () => {
    resetSecretKeysForTests(newKeys, [oldKeys]);
    expect(await verifyAccessToken(oldAccessToken)).toMatchObject({ clientId: 'rotation' });
    resetSecretKeysForTests(newKeys, []);
    await expect(verifyAccessToken(oldAccessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('makes new cards under the new key, and never reuses a token stored under the retired one', async () => {
    resetSecretKeysForTests(newKeys, [oldKeys]);
    const fresh = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: 'rot-3' }] }));
    expect((await t.db.secretVaultChunk.findFirstOrThrow({ where: { batchId: fresh.batch.id } })).keyId).toBe('k-2026');
    expect(await info({ token: fresh.secrets[0]!.token })).toMatchObject({ card_id: 'rot-3' });
    const free = (token: string) => assertTokensFree(t.db, api.accountId, 'cards', [token], [hashToken(api.accountId, token)]);
    await expect(free(issued.secrets[0]!.token)).rejects.toBeInstanceOf(TokenCollision);
    await expect(free(fresh.secrets[0]!.token)).resolves.toBeUndefined();
  });
});
