/**
 * The card search's query plans on real PostgreSQL (issue 12: "fast on 1,000,000 cards"): 50,000
 * cards seeded with INSERT … SELECT generate_series and ANALYZEd, then each typical search EXPLAINed
 * as the app sends it — as a one-off statement (custom plan) and as a named prepared statement
 * (after six executions, as a pooled connection settles; and forced to its generic plan) — and
 * each must start from the index its filter has, never a sequential scan of cards.
 * The timings on 1,000,000 cards are in docs/BENCHMARKS.md ("Search", scripts/bench/search.ts).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Prisma } from '@/lib/generated/prisma/client';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { hashToken } from '@/lib/secrets/hash';
import { cardSearchPageSql, type CardSearchSpec } from './search-cards';
import { cardSearchQuerySchema } from './search-schema';

const CARDS = 50_000;

/** PostgreSQL's md5(text)::uuid, the ids the seed gives its stores and print runs. */
const md5Uuid = (text: string) =>
  createHash('md5')
    .update(text)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe.skipIf(inject('dbKind') === 'embedded')('card search plans on 50,000 cards', () => {
  let t: TestDatabase;
  let accountId: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    accountId = (await seedAccount(t.db, 'Plan chain')).id;
    const q = (sql: string) => t.db.$executeRawUnsafe(sql);
    await q(`INSERT INTO stores (id, account_id, name, currency, updated_at)
             SELECT md5('pl-store-' || s)::uuid, '${accountId}', 'Plan store ' || s, 'NOK', now() FROM generate_series(0, 19) s`);
    await q(`INSERT INTO batches (id, account_id, quantity, cards_created, status, secrets_state, created_by)
             SELECT md5('pl-batch-' || b)::uuid, '${accountId}', 100, 100, 'READY', 'DESTROYED', 'test' FROM generate_series(0, 499) b`);
    // Card n: in print run n % 500, sold (n % 3 ≠ 0) at store n % 20 over 700 days, balances
    // 0–999.00, expiring over three years, customers of ten cards each, one in 500 blocked.
    await q(`INSERT INTO cards (id, account_id, card_id, batch_id, status, currency, amount, balance, pending, metadata, token_hash, masked_code,
                                customer_id, expires_at, activated_at, activated_store_id, blocked_at, created_at, created_by)
             SELECT md5('pl-card-' || n)::uuid, '${accountId}', 'PL' || lpad(n::text, 7, '0'), md5('pl-batch-' || (n % 500))::uuid,
                    CASE WHEN n % 3 = 0 THEN 'inactive' ELSE 'active' END::"CardStatus", 'NOK', 100000, (n * 7919) % 100000, 0, '{}',
                    md5('pl-token-' || n), '********' || lpad(((n * 7) % 10000)::text, 4, '0'),
                    'cust-' || (n / 10), now() + (n % 1000) * interval '1 day',
                    CASE WHEN n % 3 <> 0 THEN now() - (n % 700) * interval '1 day' END,
                    CASE WHEN n % 3 <> 0 THEN md5('pl-store-' || (n % 20))::uuid END,
                    CASE WHEN n % 500 = 7 THEN now() END,
                    now() - (${CARDS} - n) * interval '1 minute', 'test'
             FROM generate_series(1, ${CARDS}) n`);
    // One card with a real keyed token hash, as the app writes it.
    token = 'PLANTOKEN-000123';
    await t.db.card.updateMany({ where: { accountId, cardId: 'PL0000123' }, data: { tokenHash: hashToken(accountId, token) } });
    await q('ANALYZE cards');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const spec = (filters: Record<string, unknown>, extra: Partial<CardSearchSpec> = {}): CardSearchSpec => ({
    ...cardSearchQuerySchema.parse(filters),
    ...extra,
  });

  type Mode = 'custom' | 'generic' | 'settled';

  /**
   * The index names a plan reads cards through, and whether it scans the table. `custom`: a
   * one-off statement, planned with its values; `generic`: a named prepared statement forced to
   * its value-blind plan; `settled`: a named prepared statement after six executions, when
   * PostgreSQL (plan_cache_mode = auto) has decided between the two as a pooled connection would.
   */
  async function plan(query: Prisma.Sql, mode: Mode): Promise<{ indexes: string[]; isSeqScan: boolean; text: string }> {
    const rows = await t.db.$transaction(async (tx) => {
      if (mode === 'custom') return tx.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
      const literal = (v: unknown) => (v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
      const args = query.values.map(literal).join(', ');
      await tx.$executeRawUnsafe(`PREPARE search_plan AS ${query.text}`);
      if (mode === 'generic') await tx.$executeRawUnsafe('SET LOCAL plan_cache_mode = force_generic_plan');
      else for (let i = 0; i < 6; i++) await tx.$queryRawUnsafe(`EXECUTE search_plan(${args})`);
      const explained = await tx.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(`EXPLAIN (FORMAT JSON) EXECUTE search_plan(${args})`);
      await tx.$executeRawUnsafe('DEALLOCATE search_plan');
      return explained;
    });
    const all = nodes(rows[0]!['QUERY PLAN'][0].Plan);
    return {
      indexes: all.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])),
      isSeqScan: all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'cards'),
      text: JSON.stringify(all.map((n) => [n['Node Type'], n['Index Name']])),
    };
  }

  const cases: [string, () => CardSearchSpec, string[]][] = [
    ['no filter, newest first', () => spec({}), ['cards_account_id_created_at_id_idx']],
    ['a card id prefix', () => spec({}, { q: 'PL00001' }), ['cards_account_id_card_id_pattern_idx']],
    ['the last 4 of a token', () => spec({}, { q: '0861' }), ['cards_account_id_masked_code_reverse_idx']],
    ['a scanned token (keyed hash)', () => spec({}, { q: token }), ['cards_account_id_token_hash_key']],
    ['a customer', () => spec({ customer: 'cust-42' }), ['cards_account_id_customer_id_idx']],
    ['a print run', () => spec({}, { batch: md5Uuid('pl-batch-42') }), ['cards_batch_id_id_idx']],
    ['blocked cards', () => spec({ status: 'blocked' }), ['cards_account_id_blocked_at_idx']],
    ['an activation day', () => spec({ activated_from: '2026-06-01', activated_to: '2026-06-01' }), ['cards_account_id_activated_at_id_idx']],
    [
      'a store and an activation week',
      () => spec({ activated_from: '2026-06-01', activated_to: '2026-06-07' }, { store: md5Uuid('pl-store-7') }),
      ['cards_activated_store_id_activated_at_idx'],
    ],
    ['an expiry day', () => spec({ expires_from: '2027-01-10', expires_to: '2027-01-10' }), ['cards_account_id_expires_at_id_idx']],
    ['a narrow balance range', () => spec({ balance_min: 50_000, balance_max: 50_100 }), ['cards_account_id_balance_id_idx']],
    ['sorted by balance, highest first', () => spec({ sort: 'balance', dir: 'desc' }), ['cards_account_id_balance_id_idx']],
    ['sorted by card id', () => spec({ sort: 'card_id', dir: 'asc' }), ['cards_account_id_card_id_key']],
    ['sorted by expiry (nullable: two branches)', () => spec({ sort: 'expires', dir: 'asc' }), ['cards_account_id_expires_at_id_idx']],
  ];

  // q (card id, last 4, token) is an OR of three indexes whose selectivity only the values tell:
  // its value-blind plan walks the newest-first index instead, so PostgreSQL keeps planning it
  // with the values (the settled plan), which is what the app gets; the other filters hold even
  // in the forced generic plan.
  it.each(cases)('%s: read through its index (custom, settled and generic plan)', async (name, make, expected) => {
    const query = cardSearchPageSql(accountId, 'Europe/Oslo', make());
    const modes: Mode[] = make().q ? ['custom', 'settled'] : ['custom', 'settled', 'generic'];
    for (const mode of modes) {
      const p = await plan(query, mode);
      expect(p.isSeqScan, `${name}, ${mode} plan: ${p.text}`).toBe(false);
      for (const index of expected) expect(p.indexes, `${name}, ${mode} plan: ${p.text}`).toContain(index);
    }
  });

  it('a page deep in the results (keyset) starts at the cursor through the sort index', async () => {
    const cursor = Buffer.from(JSON.stringify({ s: 'balance', d: 'desc', v: '42000', id: '00000000-0000-0000-0000-000000000000' })).toString('base64url');
    const p = await plan(cardSearchPageSql(accountId, 'Europe/Oslo', spec({ sort: 'balance', dir: 'desc' }, { cursor })), 'generic');
    expect(p.isSeqScan).toBe(false);
    expect(p.indexes).toContain('cards_account_id_balance_id_idx');
  });
});
