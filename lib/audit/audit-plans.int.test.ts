/**
 * The audit page's query plans on real PostgreSQL: 100,000 events seeded with generate_series and
 * ANALYZEd, each typical filter EXPLAINed as the page sends it; each must read through the index
 * its filter has, never a sequential scan of audit_events (a log that grows by every action).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Prisma } from '@/lib/generated/prisma/client';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { auditQuerySchema } from './audit-schema';
import { AUDIT_ACTIONS } from './catalogue';
import { auditPageSql, auditWhere } from './list-audit-events';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe.skipIf(inject('dbKind') === 'embedded')('audit page plans on 100,000 events', () => {
  let t: TestDatabase;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    accountId = (await seedAccount(t.db, 'Audit plan chain')).id;
    // Every catalogued action, 200 users, targets spread over 20,000 cards, a year of history.
    const actions = `ARRAY[${AUDIT_ACTIONS.map((a) => `'${a}'`).join(',')}]`;
    await t.db.$executeRawUnsafe(`INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data, created_at)
      SELECT gen_random_uuid(), '${accountId}', 'USER', 'user-' || (n % 200), (${actions})[n % ${AUDIT_ACTIONS.length} + 1], 'card', 'card-' || (n % 20000), '{}',
             now() - (n % 365) * interval '1 day' - n * interval '1 second'
      FROM generate_series(1, 100000) n`);
    await t.db.$executeRawUnsafe('ANALYZE audit_events');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['no filter, newest first', {}, 'audit_events_account_id_created_at_idx'],
    ['an action', { action: 'card.block' }, 'audit_events_account_id_action_created_at_idx'],
    ['an actor', { actor: 'USER:user-42' }, 'audit_events_account_id_actor_id_created_at_idx'],
    ['a print run (target)', { batch: '00000000-0000-4000-8000-000000000042' }, 'audit_events_target_type_target_id_idx'],
    ['a day', { from: '2026-06-01', to: '2026-06-01' }, 'audit_events_account_id_created_at_idx'],
  ] as const)('%s: read through its index', async (_name, filters, index) => {
    const where = await auditWhere(accountId, auditQuerySchema.parse(filters));
    const rows = await t.db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${auditPageSql(where!, 50, undefined)}`);
    const all = nodes(rows[0]!['QUERY PLAN'][0].Plan);
    const text = JSON.stringify(all.map((n) => [n['Node Type'], n['Index Name']]));
    expect(
      all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'audit_events'),
      text,
    ).toBe(false);
    expect(
      all.map((n) => n['Index Name']),
      text,
    ).toContain(index);
  });
});
