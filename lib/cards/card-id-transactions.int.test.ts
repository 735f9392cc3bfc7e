/**
 * Issue 8, finding 12 — decided and documented (README, "Scopes"): a transaction by `card_id`
 * without a PIN is a back-office capability of `write:wallets` / `admin:wallets` clients, as in
 * Dintero's scopes, and it works even while the card's PIN checks are locked (the lock stops PIN
 * guessing, which such a client has no need of). A PIN that is sent is always verified, and a
 * locked card refuses it. Tills (`write:wallets:/transactions`) cannot use `card_id` at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { createCardBatch } from './create-card-batch';
import { createTransaction } from './create-transaction';
import { activateCardSchema, createBatchSchema, createTransactionSchema } from './schemas';

describe('transactions by card_id (finding 12)', () => {
  let t: TestDatabase;
  let backOffice: ApiClientActor;
  let till: ApiClientActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    const base = { kind: 'api_client' as const, accountId: account.id };
    backOffice = { ...base, apiClientId: '00000000-0000-0000-0000-0000000000b0', clientId: 'erp', scopes: ['write:wallets'] };
    till = { ...base, apiClientId: '00000000-0000-0000-0000-0000000000c0', clientId: 'till', scopes: ['write:wallets:/transactions'] };
  });
  afterAll(async () => {
    await t.close();
  });

  async function lockedCard(cardId: string) {
    const { secrets } = await createCardBatch(backOffice, createBatchSchema.parse({ cards: [{ card_id: cardId }] }));
    await activateCard(backOffice, cardId, activateCardSchema.parse({ amount: 10000, currency: 'NOK' }));
    await t.db.card.updateMany({ where: { cardId }, data: { pinLockedUntil: new Date(Date.now() + 15 * 60_000) } });
    return secrets[0]!;
  }

  const drawdown = (cardId: string, refId: string, extra: Record<string, unknown> = {}) =>
    createTransactionSchema.parse({ card_id: cardId, ref_id: refId, amount: 2500, currency: 'NOK', ...extra });

  it('lets a write:wallets client draw down by card_id without a PIN while PIN checks are locked', async () => {
    await lockedCard('f12-a');
    const { transaction } = await createTransaction(backOffice, drawdown('f12-a', 'erp-1'));
    expect(transaction.amount).toBe(2500n);
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'f12-a' } });
    expect(card.balance).toBe(7500n);
  });

  it('verifies a PIN that is sent: refused (429) while the card is locked, even the right one', async () => {
    const secret = await lockedCard('f12-b');
    await expect(createTransaction(backOffice, drawdown('f12-b', 'erp-2', { pin: secret.pin }))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { reason: 'pin_locked' },
    });
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'f12-b' } });
    expect(card.balance).toBe(10000n);
  });

  it('refuses a card_id transaction from a till scope, with or without the PIN', async () => {
    const secret = await lockedCard('f12-c');
    await expect(createTransaction(till, drawdown('f12-c', 'till-1'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createTransaction(till, drawdown('f12-c', 'till-2', { pin: secret.pin }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
