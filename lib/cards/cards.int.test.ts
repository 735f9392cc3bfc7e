/**
 * The card domain on both databases (embedded PGlite and real PostgreSQL): the same rules, the
 * same ledger, called directly as the web app will call them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { toPlainJson } from '@/lib/json';
import { seedAccount, seedStore, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { ledgerAmounts } from './amounts';
import { getCardInfo } from './card-info';
import { createCardBatch } from './create-card-batch';
import { createTransaction } from './create-transaction';
import { getCard, listCards } from './get-card';
import { activateCardSchema, createBatchSchema, createTransactionSchema } from './schemas';
import { settleTransaction } from './settle-transaction';

describe('card domain', () => {
  let t: TestDatabase;
  let api: ApiClientActor;
  let clerk: UserActor;
  let staff: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    const store = await seedStore(t.db, account.id);
    api = { kind: 'api_client', apiClientId: '00000000-0000-0000-0000-000000000001', clientId: 'test', accountId: account.id, scopes: ['admin:wallets'] };
    clerk = await seedUser(t.db, { accountId: account.id, role: 'CLERK', storeId: store.id });
    staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
  });
  afterAll(async () => {
    await t.close();
  });

  const batch = (ids: string[]) => createBatchSchema.parse({ cards: ids.map((card_id) => ({ card_id })) });

  it('creates a batch whose secrets are only in the sealed vault', async () => {
    const result = await createCardBatch(api, batch(['d-1', 'd-2', 'd-3']));
    expect(result.secrets).toHaveLength(3);
    const cards = await t.db.card.findMany({ where: { batchId: result.batch.id } });
    expect(cards.map((c) => c.status)).toEqual(['inactive', 'inactive', 'inactive']);
    const chunks = await t.db.secretVaultChunk.findMany({ where: { batchId: result.batch.id } });
    expect(chunks).toHaveLength(1);
    const stored = JSON.stringify(toPlainJson(cards)) + JSON.stringify(chunks.map((c) => Buffer.from(c.ciphertext).toString('latin1')));
    for (const s of result.secrets) {
      expect(stored).not.toContain(s.token);
    }
  });

  it('two batches racing for the same card_id: one wins, the other is a clean 409 naming the ids', async () => {
    const ids = ['race-1', 'race-2'];
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => createCardBatch(api, batch(ids))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: 'CONFLICT',
        details: { card_ids: expect.arrayContaining([expect.stringMatching(/^race-/)]) },
      });
    }
    expect(await t.db.card.count({ where: { cardId: { in: ids } } })).toBe(2);
  });

  it('shows no card of a print run that is not complete (GET /cards and /cards/{id})', async () => {
    const run = (await createCardBatch(api, batch(['run-1', 'run-2']))).batch;
    await t.db.batch.update({ where: { id: run.id }, data: { status: 'RUNNING' } });
    await expect(getCard(api, 'run-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = async () => (await listCards(api, { limit: 100 })).cards.map((c) => c.card_id);
    expect(await listed()).not.toContain('run-1');
    await t.db.batch.update({ where: { id: run.id }, data: { status: 'READY' } });
    expect(await getCard(api, 'run-1')).toMatchObject({ card_id: 'run-1' });
    expect(await listed()).toEqual(expect.arrayContaining(['run-1', 'run-2']));
  });

  it('a clerk may activate but not create cards', async () => {
    await expect(createCardBatch(clerk, batch(['d-clerk']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const view = await activateCard(clerk, 'd-1', activateCardSchema.parse({ amount: 20000, currency: 'NOK' }), { storeId: clerk.storeId! });
    expect(view).toMatchObject({ status: 'unused', amount_balance: BigInt(20000) });
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'd-1' } });
    expect(card.activatedStoreId).toBe(clerk.storeId);
    await expect(activateCard(staff, 'd-1', activateCardSchema.parse({ amount: 1, currency: 'NOK' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { status: 'unused' },
    });
  });

  it('refuses a clerk every money movement (fund, drawdown, reservation, capture, void) and leaves the ledger as it was', async () => {
    await createCardBatch(api, batch(['d-money']));
    await activateCard(api, 'd-money', activateCardSchema.parse({ amount: 20000, currency: 'NOK' }));
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'd-money' } });
    const rowsBefore = await t.db.cardTransaction.count({ where: { cardPk: card.id } });
    const move = (body: Record<string, unknown>) => createTransactionSchema.parse({ currency: 'NOK', card_id: 'd-money', amount: 1000, ...body });
    for (const body of [{ ref_id: 'clerk-fund', type: 'fund' }, { ref_id: 'clerk-draw' }, { ref_id: 'clerk-hold', pending: true }]) {
      await expect(createTransaction(clerk, move(body))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // A reservation HQ made is still the clerk's to leave alone.
    const hold = await createTransaction(staff, move({ ref_id: 'staff-hold', pending: true }));
    await expect(settleTransaction(clerk, hold.transaction.id, { kind: 'capture', input: { ref_id: 'clerk-capture', amount: 500 } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(settleTransaction(clerk, hold.transaction.id, { kind: 'void', input: { ref_id: 'clerk-void' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await settleTransaction(staff, hold.transaction.id, { kind: 'void', input: { ref_id: 'staff-void' } });
    const after = await t.db.card.findFirstOrThrow({ where: { cardId: 'd-money' } });
    expect({ balance: after.balance, pending: after.pending }).toEqual({ balance: card.balance, pending: card.pending });
    // Only HQ's reservation and its void were written.
    expect(await t.db.cardTransaction.count({ where: { cardPk: card.id } })).toBe(rowsBefore + 2);
  });

  it('keeps the cached balance equal to the ledger through drawdowns, reservations, captures and voids', async () => {
    const tx = (body: Record<string, unknown>) => createTransaction(api, createTransactionSchema.parse({ currency: 'NOK', card_id: 'd-1', ...body }));
    await tx({ ref_id: 'a', amount: 5000 });
    const reserve = await tx({ ref_id: 'b', amount: 8000, pending: true });
    await settleTransaction(api, reserve.transaction.id, { kind: 'capture', input: { ref_id: 'c', amount: 3000 } });
    await settleTransaction(api, reserve.transaction.id, { kind: 'void', input: { ref_id: 'd' } });
    await tx({ ref_id: 'e', amount: 1000, type: 'fund' });
    await expect(tx({ ref_id: 'f', amount: 13001 })).rejects.toMatchObject({ code: 'CONFLICT' });

    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'd-1' } });
    const amounts = (await ledgerAmounts(t.db, [card.id])).get(card.id)!;
    expect(amounts).toMatchObject({ amount_funds: BigInt(21000), amount_drawdown: BigInt(8000), amount_pending: BigInt(0), amount_balance: BigInt(13000) });
    expect(card.balance).toBe(amounts.amount_balance);
    expect(card.pending).toBe(amounts.amount_pending);
    expect(card.status).toBe('active');
    const secrets = await t.db.card.findFirstOrThrow({ where: { cardId: 'd-1' } });
    expect(secrets.pinHash).toMatch(/^[0-9a-f]{64}$/);
    const info = await getCardInfo(clerk, { card_id: 'd-2', pin: 'not-the-pin' }).catch((e: unknown) => e);
    expect(info).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the database refuses a balance below zero even if code tried', async () => {
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: 'd-1' } });
    await expect(t.db.card.update({ where: { id: card.id }, data: { balance: BigInt(-1) } })).rejects.toThrow();
  });
});
