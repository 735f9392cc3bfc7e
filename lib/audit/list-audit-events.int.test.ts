/**
 * The audit page and its CSV export (issue 12, "Audit log"), on both databases: each filter
 * narrows to exactly its events, pages follow each other newest first, the export streams every
 * matching event a page at a time, spreadsheet-safe, and is audited itself; HQ admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { blockCard } from '@/lib/cards/block-card';
import { activateCard } from '@/lib/cards/activate-card';
import { activateCardSchema, blockCardSchema } from '@/lib/cards/schemas';
import { createStore } from '@/lib/stores/create-store';
import { seedUser } from '@/lib/testing/actors';
import { spreadsheetCells } from '@/lib/testing/spreadsheet-csv';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { auditQuerySchema, type AuditQuery } from './audit-schema';
import { AUDIT_CSV_HEADER, exportAuditEventsCsv } from './export-audit-events';
import { listAuditEvents } from './list-audit-events';
import { auditActor, recordAuditEvent } from './record-audit-event';

describe('the audit log page and export', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;
  let cards: string[];
  let batchId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    cards = [freshId('aud'), freshId('aud')];
    batchId = (await seedCards(c.api, cards)).batch.id; // batch.create by the API client
    await activateCard(c.api, cards[0]!, activateCardSchema.parse({ amount: 20_000, currency: 'NOK' })); // card.activate
    await blockCard(c.staff, cards[1]!, blockCardSchema.parse({ reason: 'stolen' })); // card.block by staff
    await createStore(admin, { name: '=HYPERLINK("http://evil.example")', currency: 'NOK' }); // store.create, a formula-looking name
    // A sale at Oslo (its store in the data) and an event on a known day: 23:30 UTC on 10 Jan is 11 Jan in Oslo.
    await recordAuditEvent({
      accountId: c.account.id,
      actor: auditActor(c.osloClerk),
      action: 'card.activation_undo',
      target: { type: 'card', id: (await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: cards[0] } })).id },
      data: { card_id: cards[0]!, amount: 20_000, currency: 'NOK', store_id: c.oslo.id },
    });
    await t.db.auditEvent.create({
      data: {
        accountId: c.account.id,
        actorType: 'SYSTEM',
        actorId: 'print-run-worker',
        action: 'print_run.ready',
        targetType: 'batch',
        targetId: batchId,
        createdAt: new Date('2025-01-10T23:30:00Z'),
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const q = (filters: Record<string, string>, extra: Partial<AuditQuery> = {}): AuditQuery => ({ ...auditQuerySchema.parse(filters), ...extra });
  const actions = async (filters: Record<string, string>) => (await listAuditEvents(admin, q(filters, { size: 100 }))).rows.map((r) => r.action).sort();

  it('lists every event of the account, newest first, with names and card ids', async () => {
    const page = await listAuditEvents(admin, q({}, { size: 100 }));
    expect(page.rows.map((r) => r.action).sort()).toEqual([
      'batch.create',
      'card.activate',
      'card.activation_undo',
      'card.block',
      'print_run.ready',
      'store.create',
    ]);
    expect(page.count).toBe(6);
    const times = page.rows.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());
    const block = page.rows.find((r) => r.action === 'card.block')!;
    expect(block).toMatchObject({ actorType: 'USER', actorId: c.staff.userId, actorName: c.staff.email, targetType: 'card', targetLabel: cards[1] });
  });

  it.each([
    ['actor (a user)', () => ({ actor: `USER:${c.staff.userId}` }), ['card.block']],
    ['actor (an API client)', () => ({ actor: `API_CLIENT:${c.api.clientId}` }), ['batch.create', 'card.activate']],
    ['actor (the system)', () => ({ actor: 'SYSTEM' }), ['print_run.ready']],
    ['action', () => ({ action: 'store.create' }), ['store.create']],
    ['card', () => ({ card: cards[0]! }), ['card.activate', 'card.activation_undo']],
    ['print run', () => ({ batch: batchId }), ['batch.create', 'print_run.ready']],
    ['store (events at it)', () => ({ store: c.oslo.id }), ['card.activation_undo']],
    ['day range (the account’s days)', () => ({ from: '2025-01-11', to: '2025-01-11' }), ['print_run.ready']],
    ['day range ending before the event', () => ({ to: '2025-01-10' }), []],
    ['two filters together', () => ({ card: cards[0]!, action: 'card.activate' }), ['card.activate']],
  ] as const)('the %s filter narrows to exactly its events', async (_name, filters, expected) => {
    expect((await actions({})).length).toBe(6);
    expect(await actions(filters())).toEqual([...expected].sort());
  });

  it('a card id of no card says so and finds nothing', async () => {
    const page = await listAuditEvents(admin, q({ card: 'no-such-card' }));
    expect(page).toMatchObject({ rows: [], count: 0, isUnknownCard: true });
  });

  it('pages of 2 follow each other to the last event', async () => {
    const all = (await listAuditEvents(admin, q({}, { size: 100 }))).rows.map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await listAuditEvents(admin, q({}, { size: 2, cursor }));
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('refuses a bad filter and anyone but an HQ admin', async () => {
    expect(auditQuerySchema.safeParse({ action: 'card.nope', from: '2025-13-01', actor: 'nobody' }).error?.flatten().fieldErrors).toMatchObject({
      action: expect.any(Array),
      from: expect.any(Array),
      actor: expect.any(Array),
    });
    await expect(listAuditEvents(c.staff, q({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportAuditEventsCsv(c.staff, q({}), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('exports the matching events as spreadsheet-safe CSV, a page at a time, and audits the export', async () => {
    // 2,500 more events, so the export reads three pages of 1,000.
    await t.db.$executeRawUnsafe(`INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data, created_at)
      SELECT gen_random_uuid(), '${c.account.id}', 'SYSTEM', 'bulk', 'print_run.view', 'batch', '${batchId}', jsonb_build_object('page', n::text), now() - n * interval '1 second'
      FROM generate_series(1, 2500) n`);
    const { filename, rows } = await exportAuditEventsCsv(admin, q({}), {});
    expect(filename).toMatch(/^audit-log-.*\.csv$/);
    const chunks: string[] = [];
    for await (const chunk of rows) chunks.push(chunk);
    expect(chunks.length).toBe(1 + 3); // the header, then pages of 1,000
    const cells = spreadsheetCells(chunks.join(''), ',');
    expect(cells[0]).toEqual(AUDIT_CSV_HEADER);
    expect(cells.length - 1).toBe(6 + 2500 + 1); // the export's own audit row is written first, so it is in the file
    // No cell of any reader can start a formula: the store's name and its JSON are escaped.
    for (const separator of [',', ';', '\t'])
      for (const row of spreadsheetCells(chunks.join(''), separator)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    const block = cells.find((r) => r[4] === 'card.block')!;
    expect(block.slice(4, 9)).toEqual(['card.block', 'Card blocked', 'card', block[7], cards[1]]);
    const filtered = await exportAuditEventsCsv(admin, q({ action: 'card.block' }), { action: 'card.block' });
    let text = '';
    for await (const chunk of filtered.rows) text += chunk;
    expect(spreadsheetCells(text, ',').length).toBe(2);
    const exports = await t.db.auditEvent.findMany({ where: { accountId: c.account.id, action: 'audit.export' }, orderBy: { createdAt: 'asc' } });
    expect(exports.map((e) => [e.actorId, e.data])).toEqual([
      [admin.userId, { filters: {} }],
      [admin.userId, { filters: { action: 'card.block' } }],
    ]);
  });
});
