/** Selling cards at the counter and the day's list, on both databases. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerAmounts } from '@/lib/cards/amounts';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { addMonths, calendarDateOf, startOfDay, addDays } from '@/lib/time/zoned';
import { activateAtStore } from './activate-at-store';
import { listTodayActivations } from './list-today';
import { activateAtStoreSchema } from './schemas';

describe('activating a card at the counter', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const form = (cardId: string, fields: Record<string, string> = {}) =>
    activateAtStoreSchema.parse({ cardId, amount: '500', requestKey: randomUUID(), ...fields });

  it('loads the typed amount in the store currency, with the policy expiry and the receipt number in metadata', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    const receipt = await activateAtStore(c.osloClerk, form(id, { amount: '499,50', receiptNumber: 'R-1001', customerId: 'cust-7', name: 'Kari' }));
    const expiryDay = addMonths(calendarDateOf(new Date(), 'Europe/Oslo'), 36);
    expect(receipt).toMatchObject({
      cardId: id,
      amount: 49_950,
      currency: 'NOK',
      storeName: 'Oslo',
      receiptNumber: 'R-1001',
      customerId: 'cust-7',
      name: 'Kari',
      timeZone: 'Europe/Oslo',
      expiresAt: startOfDay(addDays(expiryDay, 1), 'Europe/Oslo').toISOString(),
    });
    const card = await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });
    expect(card).toMatchObject({ status: 'unused', balance: BigInt(49_950), activatedStoreId: c.oslo.id, metadata: { receipt_number: 'R-1001' } });
  });

  it('holds the amount to the account policy and reports every bad field at once', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    const cases: [string, string][] = [
      ['99,99', 'The smallest amount per card is'],
      ['10000,01', 'The largest amount per card is'],
      ['1,2,3', 'Enter an amount like 500 or 499,50'],
      ['-5', 'The amount cannot be negative'],
      ['0', 'Enter an amount above zero'],
      ['', 'Enter an amount'],
    ];
    for (const [amount, message] of cases) {
      const error = await activateAtStore(c.osloClerk, form(id, { amount })).catch((e: unknown) => e);
      expect(error, amount).toMatchObject({ code: 'UNPROCESSABLE', details: { fieldErrors: { amount: [expect.stringContaining(message)] } } });
    }
    const both = await activateAtStore(c.osloClerk, form(id, { amount: 'abc', expiry: '2001-01-01' })).catch((e: unknown) => e);
    expect(both).toMatchObject({ details: { fieldErrors: { amount: [expect.any(String)], expiry: ['The expiry date must not be in the past'] } } });
    expect((await t.db.card.findFirstOrThrow({ where: { cardId: id } })).status).toBe('inactive');
    // The limits are inclusive.
    await expect(activateAtStore(c.osloClerk, form(id, { amount: '10000' }))).resolves.toMatchObject({ amount: 1_000_000 });
  });

  it('lets the clerk choose "never expires" or a date (valid through that day)', async () => {
    const [a, b] = [freshId(), freshId()];
    await seedCards(c.api, [a, b]);
    expect((await activateAtStore(c.osloClerk, form(a, { expiry: 'never' }))).expiresAt).toBeNull();
    expect((await activateAtStore(c.osloClerk, form(b, { expiry: '2030-06-30' }))).expiresAt).toBe('2030-06-30T22:00:00.000Z');
  });

  it('a double submit activates once and returns the same receipt, even when both arrive together', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    const input = form(id, { amount: '200' });
    const [first, second] = await Promise.all([activateAtStore(c.osloClerk, input), activateAtStore(c.osloClerk, input)]);
    const third = await activateAtStore(c.osloClerk, input);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const card = await t.db.card.findFirstOrThrow({ where: { cardId: id } });
    expect(await t.db.cardTransaction.count({ where: { cardPk: card.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'card.activate', targetId: card.id } })).toBe(1);
    expect((await ledgerAmounts(t.db, [card.id])).get(card.id)?.amount_balance).toBe(BigInt(20_000));
    // A new sale of the same card (a new confirmation) is "already activated".
    await expect(activateAtStore(c.bergenClerk, form(id))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'already_activated', store_name: 'Oslo' },
    });
  });

  it('HQ sells for a chosen store; a clerk only for their own', async () => {
    const [a, b] = [freshId(), freshId()];
    await seedCards(c.api, [a, b]);
    await expect(activateAtStore(c.osloClerk, form(a, { storeId: c.bergen.id }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(activateAtStore(c.staff, form(a))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await activateAtStore(c.staff, form(b, { storeId: c.bergen.id }))).toMatchObject({ storeName: 'Bergen' });
  });
});

describe("today's activations at a store", () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists each store's own activations with totals per currency; clerks see only their store", async () => {
    const ids = [freshId(), freshId(), freshId()];
    await seedCards(c.api, ids);
    const sell = (actor: typeof c.osloClerk, cardId: string, amount: string, storeId?: string) =>
      activateAtStore(actor, activateAtStoreSchema.parse({ cardId, amount, requestKey: randomUUID(), storeId, receiptNumber: `R-${cardId}` }));
    await sell(c.osloClerk, ids[0]!, '200');
    await sell(c.osloClerk2, ids[1]!, '500');
    await sell(c.bergenClerk, ids[2]!, '1000');

    const oslo = await listTodayActivations(c.osloClerk, {});
    expect(oslo.store.name).toBe('Oslo');
    expect(oslo.activations.map((a) => a.cardId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(oslo.totals).toEqual([{ currency: 'NOK', count: 2, amount: 70_000 }]);
    const mine = oslo.activations.find((a) => a.cardId === ids[0])!;
    const colleagues = oslo.activations.find((a) => a.cardId === ids[1])!;
    expect(mine).toMatchObject({ receiptNumber: `R-${ids[0]}`, undoRefusal: null, status: 'unused' });
    expect(colleagues.undoRefusal).toEqual({ key: 'undoNotYours' });

    const bergen = await listTodayActivations(c.bergenClerk, {});
    expect(bergen.activations.map((a) => a.cardId)).toEqual([ids[2]]);
    await expect(listTodayActivations(c.bergenClerk, { storeId: c.oslo.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const hq = await listTodayActivations(c.staff, { storeId: c.oslo.id });
    expect(hq.activations).toHaveLength(2);
    expect(hq.activations.every((a) => a.undoRefusal === null)).toBe(true);
  });

  it('"today" is the local day of the account, not UTC', async () => {
    const id = freshId();
    await seedCards(c.api, [id]);
    await activateAtStore(c.osloClerk, activateAtStoreSchema.parse({ cardId: id, amount: '300', requestKey: randomUUID() }));
    const tomorrow = new Date(Date.now() + 86_400_000);
    const next = await listTodayActivations(c.osloClerk, {}, tomorrow);
    expect(next.activations.map((a) => a.cardId)).not.toContain(id);
  });
});
