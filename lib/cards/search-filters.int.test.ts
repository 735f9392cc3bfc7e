/**
 * HQ's card search (issue 12, "Find"), on both databases: every filter narrows the result to
 * exactly the cards it should, every sort column in both directions pages through all cards once
 * (keyset, rows without a value last), the count, and the form's major-unit balances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { blockCard } from './block-card';
import { activateCardSchema, blockCardSchema } from './schemas';
import { searchCards, type CardSearchSpec } from './search-cards';
import { cardSearchQuerySchema, cardSearchQueryString, CARD_SORTS, searchCardsSchema } from './search-schema';

describe('HQ card search: filters, sorting, paging', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let a: string[];
  let b: string[];
  let batchA: string;
  let batchB: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    const p = freshId('flt');
    a = [1, 2, 3, 4, 5].map((n) => `${p}-a${n}`);
    b = [1, 2, 3].map((n) => `${p}-b${n}`);
    batchA = (await seedCards(c.api, a)).batch.id;
    batchB = (await seedCards(c.api, b)).batch.id;
    const activate = (id: string, amount: number, extra: Record<string, unknown> = {}) =>
      activateCard(c.api, id, activateCardSchema.parse({ amount, currency: 'NOK', ...extra }));
    await activate(a[0]!, 20_000, { customer_id: 'cust-x', expires_at: '2030-01-15T12:00:00Z' });
    await activate(a[1]!, 50_000, { customer_id: 'cust-y', expires_at: '2031-06-01T12:00:00Z' });
    await activate(a[2]!, 100_000, { customer_id: 'cust-x', expires_at: '2032-02-02T12:00:00Z' });
    await activate(b[0]!, 30_000, { expires_at: '2030-01-16T12:00:00Z' });
    await blockCard(c.staff, b[1]!, blockCardSchema.parse({ reason: 'lost' }));
    // Where and when they were sold (what a counter activation records). 23:30 UTC on 10 March is
    // 00:30 on 11 March in Oslo, the account's time zone: day ranges follow the account's calendar.
    const sold = async (cardId: string, at: string, storeId: string) =>
      t.db.card.updateMany({ where: { accountId: c.account.id, cardId }, data: { activatedAt: new Date(at), activatedStoreId: storeId } });
    await sold(a[0]!, '2026-03-10T23:30:00Z', c.oslo.id);
    await sold(a[1]!, '2026-05-20T12:00:00Z', c.bergen.id);
    await sold(a[2]!, '2026-07-01T12:00:00Z', c.oslo.id);
    await sold(b[0]!, '2026-05-21T12:00:00Z', c.bergen.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const spec = (filters: Record<string, unknown>, extra: Partial<CardSearchSpec> = {}): CardSearchSpec => ({
    ...cardSearchQuerySchema.parse(filters),
    ...extra,
  });
  const ids = async (filters: Record<string, unknown>) => (await searchCards(c.staff, spec(filters, { size: 100 }))).rows.map((r) => r.cardId).sort();
  const all = () => [...a, ...b].sort();

  it.each([
    ['customer', { customer: 'cust-x' }, () => [a[0], a[2]]],
    ['print run', () => ({ batch: batchB }), () => b],
    ['store of activation', () => ({ store: c.oslo.id }), () => [a[0], a[2]]],
    ['status: in use / activated, unused', { status: 'unused' }, () => [a[0], a[1], a[2], b[0]]],
    ['status: not activated', { status: 'inactive' }, () => [a[3], a[4], b[2]]],
    ['status: blocked', { status: 'blocked' }, () => [b[1]]],
    ['activation from (Oslo days)', { activated_from: '2026-03-11' }, () => [a[0], a[1], a[2], b[0]]],
    ['activation to (Oslo days)', { activated_to: '2026-03-10' }, () => []],
    ['activation range', { activated_from: '2026-05-01', activated_to: '2026-05-20' }, () => [a[1]]],
    ['expiry range', { expires_from: '2030-01-01', expires_to: '2030-12-31' }, () => [a[0], b[0]]],
    ['balance at least', { balance_min: 30_000 }, () => [a[1], a[2], b[0]]],
    ['balance range', { balance_min: 20_000, balance_max: 50_000 }, () => [a[0], a[1], b[0]]],
    ['two filters together', { customer: 'cust-x', balance_min: 50_000 }, () => [a[2]]],
  ] as const)('the %s filter narrows to exactly its cards', async (_name, filters, expected) => {
    const f = typeof filters === 'function' ? filters() : filters;
    expect(await ids({})).toEqual(all());
    expect(await ids(f)).toEqual([...expected()].sort());
  });

  it('q finds a card id prefix, the last 4 of a token, and escapes LIKE wildcards', async () => {
    expect(await ids({ ...{}, batch: batchA })).toEqual([...a].sort());
    const prefix = a[0]!.slice(0, -1); // "…-a"
    expect((await searchCards(c.staff, spec({}, { q: prefix, size: 100 }))).rows.map((r) => r.cardId).sort()).toEqual([...a].sort());
    expect((await searchCards(c.staff, spec({}, { q: a[0]!.replace(/-a1$/, '-_1'), size: 100 }))).rows).toEqual([]);
    const masked = (await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: b[2] } })).maskedCode!;
    expect((await searchCards(c.staff, spec({}, { q: masked.slice(-4), size: 100 }))).rows.map((r) => r.cardId)).toContain(b[2]);
  });

  it.each(CARD_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => [sort, dir] as const)))(
    'sorted by %s %s, pages of 3 visit every card once in order, rows without a value last',
    async (sort, dir) => {
      const everything = await searchCards(c.staff, spec({ sort, dir }, { size: 100 }));
      expect(everything.count).toBe(8);
      expect(everything.nextCursor).toBeNull();
      const key = (r: (typeof everything.rows)[number]) =>
        sort === 'card_id' ? r.cardId : sort === 'balance' ? r.balance : sort === 'created' ? r.createdAt : sort === 'activated' ? r.activatedAt : r.expiresAt;
      const keys = everything.rows.map(key);
      const valued = keys.filter((k) => k !== null);
      const ordered = [...valued].sort((x, y) => (x! < y! ? -1 : x! > y! ? 1 : 0));
      expect(valued).toEqual(dir === 'asc' ? ordered : ordered.reverse());
      expect(keys.slice(valued.length).every((k) => k === null)).toBe(true);

      const paged: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = await searchCards(c.staff, spec({ sort, dir }, { size: 3, cursor }));
        expect(result.count).toBe(8);
        paged.push(...result.rows.map((r) => r.cardId));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(paged).toEqual(everything.rows.map((r) => r.cardId));
    },
  );

  it('a cursor of another sort, or garbage, starts from the first page', async () => {
    const first = await searchCards(c.staff, spec({ sort: 'balance' }, { size: 3 }));
    const other = await searchCards(c.staff, spec({ sort: 'card_id' }, { size: 3, cursor: first.nextCursor! }));
    const fresh = await searchCards(c.staff, spec({ sort: 'card_id' }, { size: 3 }));
    expect(other.rows).toEqual(fresh.rows);
    expect((await searchCards(c.staff, spec({ sort: 'card_id' }, { size: 3, cursor: 'not-a-cursor' }))).rows).toEqual(fresh.rows);
  });

  it('the form takes balances in major units and the query string never carries q or the cursor', () => {
    const parsed = searchCardsSchema.parse({
      q: '1234567890123',
      balance_min: '199,50',
      balance_max: '1 000',
      currency: 'NOK',
      status: 'blocked',
      cursor: 'abc',
    });
    expect([parsed.balance_min, parsed.balance_max]).toEqual([19_950, 100_000]);
    const query = cardSearchQueryString(parsed);
    expect(query).toBe('status=blocked&balance_min=19950&balance_max=100000');
    expect(cardSearchQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)))).toMatchObject({
      status: 'blocked',
      balance_min: 19_950,
      balance_max: 100_000,
    });
    const fieldsOf = (input: Record<string, string>) => Object.keys(searchCardsSchema.safeParse(input).error?.flatten().fieldErrors ?? {}).sort();
    expect(fieldsOf({ balance_min: 'ten', activated_from: '2026-02-30', size: '7' })).toEqual(['activated_from', 'balance_min', 'size']);
    expect(fieldsOf({ balance_min: '12.345', expires_from: '2026-05-01', expires_to: '2026-04-01' })).toEqual(['balance_min', 'expires_to']);
    expect(fieldsOf({ balance_min: '500', balance_max: '100' })).toEqual(['balance_max']);
  });

  it('is for HQ only', async () => {
    await expect(searchCards(c.osloClerk, spec({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
