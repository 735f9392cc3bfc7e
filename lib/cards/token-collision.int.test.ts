/** A generated token that is already taken in the account is drawn again (both databases). */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { createCardBatch } from './create-card-batch';
import { createBatchSchema } from './schemas';

// Lets a test make the next draw of tokens repeat a value that is already taken.
const forced = vi.hoisted(() => ({ next: null as string | null }));
vi.mock('@/lib/secrets/generate', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/secrets/generate')>();
  return {
    ...original,
    generateSecrets: (...args: Parameters<typeof original.generateSecrets>) => {
      const value = forced.next;
      forced.next = null;
      return value === null ? original.generateSecrets(...args) : Array.from({ length: args[1] }, () => value);
    },
  };
});

describe('token collisions', () => {
  let t: TestDatabase;
  let api: ApiClientActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    api = { kind: 'api_client', apiClientId: '00000000-0000-0000-0000-000000000001', clientId: 'test', accountId: account.id, scopes: ['admin:wallets'] };
  });
  afterAll(async () => {
    await t.close();
  });

  const batch = (ids: string[]) => createBatchSchema.parse({ cards: ids.map((card_id) => ({ card_id })) });

  it('draws new secrets instead of reporting a card_id conflict', async () => {
    const first = await createCardBatch(api, batch(['coll-1']));
    forced.next = first.secrets[0]!.token;
    const second = await createCardBatch(api, batch(['coll-2']));
    expect(forced.next).toBeNull();
    expect(second.secrets[0]!.token).not.toBe(first.secrets[0]!.token);
    expect(await t.db.card.count({ where: { cardId: { in: ['coll-1', 'coll-2'] } } })).toBe(2);
  });
});
