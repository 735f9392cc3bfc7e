/**
 * HQ refusals as codes + parameters (issue 15), on the real domain functions: the API's English
 * `message` and details are what they were, and the UserMessage words the same refusal in the
 * user's language — as the form edge does it (lib/edge/respond.ts actionFailure, then the
 * catalogue translation lib/edge/translate.ts applies with the request's locale).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import nb from '@/messages/nb.json';
import type { UserActor } from '@/lib/auth/actor';
import { activateCard } from '@/lib/cards/activate-card';
import { refundCardSchema } from '@/lib/cards/control-schemas';
import { createTransaction } from '@/lib/cards/create-transaction';
import { refundCard } from '@/lib/cards/refund-card';
import { activateCardSchema, createTransactionSchema } from '@/lib/cards/schemas';
import { actionFailure } from '@/lib/edge/respond';
import { AppError } from '@/lib/errors';
import { createStore } from '@/lib/stores/create-store';
import { createStoreSchema } from '@/lib/stores/schemas';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { localizeFieldErrors } from '@/lib/i18n/form-errors';
import { translateUserMessage } from '@/lib/i18n/user-message';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('HQ domain errors in the user’s language, English for the API', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a store name that is taken: the message and the name field in Norwegian for nb, the English unchanged', async () => {
    const error = await refusal(createStore(admin, createStoreSchema.parse({ name: c.oslo.name, currency: 'NOK' })));
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'A store with that name already exists',
      details: { fieldErrors: { name: ['A store with that name already exists'] } },
    });
    expect(translateUserMessage(error.userMessage!, 'en', en)).toBe(error.message);
    expect(translateUserMessage(error.userMessage!, 'nb', nb)).toBe('Navnet er allerede i bruk av en annen butikk');
    const failure = actionFailure(error)!;
    expect(localizeFieldErrors(failure.fieldErrors!, 'nb', nb, { userMessage: error.userMessage!, englishMessage: error.message })).toEqual({
      name: ['Navnet er allerede i bruk av en annen butikk'],
    });
  });

  it('a refund over what is left of the drawdown', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    await activateCard(c.api, id, activateCardSchema.parse({ amount: 10_000, currency: 'NOK' }));
    const spent = await createTransaction(c.api, createTransactionSchema.parse({ ref_id: randomUUID(), amount: 3_000, currency: 'NOK', card_id: id }));
    const input = refundCardSchema.parse({
      transaction_id: spent.transaction.id,
      amount: 3_001,
      reason: 'double_charge',
      note: 'Charged twice',
      request_key: randomUUID(),
    });
    const error = await refusal(refundCard(admin, id, input));
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'The refund is larger than what is left to refund of that drawdown.',
      details: { reason: 'refund_exceeds_drawdown', amount_refundable: 3_000 },
    });
    expect(translateUserMessage(error.userMessage!, 'en', en)).toBe(error.message);
    expect(translateUserMessage(error.userMessage!, 'nb', nb)).toBe('Beløpet er høyere enn det som kan refunderes av dette kjøpet.');
  });

  it('a refused permission (HQ staff refunding) reads in Norwegian too', async () => {
    const staff = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_STAFF' });
    const input = refundCardSchema.parse({
      transaction_id: randomUUID(),
      amount: 1,
      reason: 'double_charge',
      note: 'Charged twice',
      request_key: randomUUID(),
    });
    const error = await refusal(refundCard(staff, freshId(), input));
    expect(error.message).toBe('You do not have permission to do that.');
    expect(translateUserMessage(error.userMessage!, 'nb', nb)).toBe('Du har ikke tilgang til å gjøre dette.');
  });
});
