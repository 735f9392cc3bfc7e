/**
 * A generated token that is already taken in the account — as a card's own token or as a
 * temporary card code — is drawn again (both databases).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { createCardBatch } from './create-card-batch';
import { createCardToken } from './create-card-token';
import { activateCardSchema, createBatchSchema, createCardTokenSchema } from './schemas';

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
    generateSecret: (...args: Parameters<typeof original.generateSecret>) => {
      const value = forced.next;
      forced.next = null;
      return value === null ? original.generateSecret(...args) : value;
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

  const TOKEN_FORMAT = { length: 12, numbers: true };
  const codeFor = (cardId: string, refId: string) => createCardToken(api, cardId, createCardTokenSchema.parse({ ref_id: refId, format: TOKEN_FORMAT }));

  it('a temporary code equal to a card’s own token is drawn again', async () => {
    const card = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: 'coll-3' }], options: { card_token: { format: TOKEN_FORMAT } } }));
    await activateCard(api, 'coll-3', activateCardSchema.parse({ amount: 100, currency: 'NOK' }));
    forced.next = card.secrets[0]!.token;
    const created = await codeFor('coll-3', 'c-1');
    expect(forced.next).toBeNull();
    expect((created.body as { token: { value: string } }).token.value).not.toBe(card.secrets[0]!.token);
  });

  it('a card token equal to a temporary code is drawn again, and so is a code equal to another code', async () => {
    const code = ((await codeFor('coll-3', 'c-2')).body as { token: { value: string } }).token.value;
    forced.next = code;
    const batch = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: 'coll-4' }], options: { card_token: { format: TOKEN_FORMAT } } }));
    expect(forced.next).toBeNull();
    expect(batch.secrets[0]!.token).not.toBe(code);
    forced.next = code;
    const again = ((await codeFor('coll-3', 'c-3')).body as { token: { value: string } }).token.value;
    expect(again).not.toBe(code);
    expect(await t.db.cardToken.count({ where: { card: { cardId: 'coll-3' } } })).toBe(3);
  });
});
