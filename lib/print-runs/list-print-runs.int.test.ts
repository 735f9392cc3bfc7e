import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema } from '@/lib/cards/schemas';
import { seedAccount, seedStore, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { fillPrintRun } from './fill-print-run';
import { exportBatchCardsCsv, getPrintRun, getPrintRunProgress, listBatchCards } from './get-print-run';
import { listPrintRuns, listPrintRunsQuerySchema, PRINT_RUNS_PAGE_SIZE } from './list-print-runs';
import { orderPrintRun } from './order-print-run';
import { orderPrintRunSchema } from './schemas';

const FORM = {
  type: 'gift_card',
  padWidth: '6',
  luhn: '',
  pinLength: '4',
  pinNumbers: 'on',
  tokenLength: '16',
  tokenNumbers: 'on',
};

async function order(actor: UserActor, fields: Record<string, string>, fill = true) {
  const batch = await orderPrintRun(actor, orderPrintRunSchema.parse({ ...FORM, ...fields }));
  if (fill) await fillPrintRun(batch.id);
  return batch;
}

async function collect(rows: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of rows) out += chunk;
  return out;
}

describe('print-run list and detail', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let staff: UserActor;
  let clerk: UserActor;
  let otherAdmin: UserActor;
  let acme: { id: string };
  let pending: { id: string };
  let big: { id: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    const other = await seedAccount(t.db, 'Other Chain');
    const store = await seedStore(t.db, account.id);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    clerk = await seedUser(t.db, { accountId: account.id, role: 'CLERK', storeId: store.id });
    otherAdmin = await seedUser(t.db, { accountId: other.id, role: 'HQ_ADMIN' });

    acme = await order(admin, {
      quantity: '10',
      idPrefix: 'AC-',
      startSequence: '1',
      manufacturer: 'Acme Cards Ltd',
      purchaseOrder: 'PO-1001',
      note: 'Christmas',
    });
    big = await order(staff, { quantity: '25', idPrefix: 'BG', startSequence: '100', manufacturer: 'Big Print', purchaseOrder: 'PO-2002' });
    pending = await order(admin, { quantity: '3', idPrefix: 'PN', startSequence: '1', manufacturer: 'Acme Cards Ltd' }, false);
    await order(otherAdmin, { quantity: '2', idPrefix: 'AC-', startSequence: '1', manufacturer: 'Acme Cards Ltd' });

    // Card states: 2 sold but unused, 1 in use, 1 expired (whatever its status), 6 still inactive.
    const cards = await t.db.card.findMany({ where: { batchId: acme.id }, orderBy: { cardId: 'asc' } });
    await t.db.card.updateMany({ where: { id: { in: [cards[0]!.id, cards[1]!.id] } }, data: { status: 'unused' } });
    await t.db.card.update({ where: { id: cards[2]!.id }, data: { status: 'active' } });
    await t.db.card.update({ where: { id: cards[3]!.id }, data: { status: 'unused', expiresAt: new Date(Date.now() - 60_000) } });
    await t.db.card.update({ where: { id: cards[4]!.id }, data: { expiresAt: new Date(Date.now() + 86_400_000) } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists a run with who ordered it, its progress, its id range and its cards per status', async () => {
    const { rows, total } = await listPrintRuns(staff, {});
    expect(total).toBe(3);
    const row = rows.find((r) => r.id === acme.id)!;
    expect(row).toMatchObject({
      source: 'web',
      createdBy: admin.email,
      type: 'gift_card',
      quantity: 10,
      cardsCreated: 10,
      status: 'READY',
      manufacturer: 'Acme Cards Ltd',
      purchaseOrder: 'PO-1001',
      firstCardId: 'AC-000001',
      lastCardId: 'AC-000010',
      counts: { inactive: 6, unused: 2, active: 1, expired: 1 },
      secrets: { state: 'AWAITING_RELEASE' },
    });
    expect(row.secrets.state === 'AWAITING_RELEASE' && row.secrets.deadline!.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect(rows.find((r) => r.id === big.id)).toMatchObject({ createdBy: staff.email, counts: { inactive: 25, unused: 0, active: 0, expired: 0 } });
    expect(rows.find((r) => r.id === pending.id)).toMatchObject({
      status: 'PENDING',
      cardsCreated: 0,
      counts: { inactive: 0, unused: 0, active: 0, expired: 0 },
    });
  });

  it('shows who released the secrets and when, or when they were destroyed unreleased', async () => {
    const account = await seedAccount(t.db, 'Released Runs');
    const hq = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const released = await order(hq, { quantity: '1', idPrefix: 'RL', startSequence: '1' });
    const destroyed = await order(hq, { quantity: '1', idPrefix: 'DS', startSequence: '1' });
    const at = new Date('2030-01-02T03:04:05Z');
    await t.db.batch.update({
      where: { id: released.id },
      data: { secretsState: 'RELEASED', secretsReleasedAt: at, secretsReleasedBy: `user:${hq.userId}`, printFileSha256: 'a'.repeat(64) },
    });
    await t.db.batch.update({ where: { id: destroyed.id }, data: { secretsState: 'DESTROYED', secretsDestroyedAt: at } });
    const { rows } = await listPrintRuns(hq, { q: 'RL' });
    expect(rows.map((r) => r.secrets)).toEqual([{ state: 'RELEASED', by: hq.email, at, sha256: 'a'.repeat(64) }]);
    expect((await getPrintRun(hq, destroyed.id)).secrets).toEqual({ state: 'DESTROYED', at });
  });

  it('filters by status and searches manufacturer, purchase order and card ids', async () => {
    const ids = async (query: Parameters<typeof listPrintRuns>[1]) => (await listPrintRuns(admin, query)).rows.map((r) => r.id).sort();
    expect(await ids({ status: 'PENDING' })).toEqual([pending.id]);
    expect(await ids({ status: 'READY' })).toEqual([acme.id, big.id].sort());
    expect(await ids({ q: 'acme cards' })).toEqual([acme.id, pending.id].sort());
    expect(await ids({ q: 'acme', status: 'READY' })).toEqual([acme.id]);
    expect(await ids({ q: 'po-2002' })).toEqual([big.id]);
    expect(await ids({ q: 'BG' })).toEqual([big.id]);
    expect(await ids({ q: 'AC-00000' })).toEqual([acme.id]);
    expect(await ids({ q: 'BG000117' })).toEqual([big.id]);
    expect(await ids({ q: 'nothing like this' })).toEqual([]);
  });

  it('sorts newest first by default, or oldest first, or largest first', async () => {
    expect((await listPrintRuns(admin, {})).rows.map((r) => r.id)).toEqual([pending.id, big.id, acme.id]);
    expect((await listPrintRuns(admin, { sort: 'oldest' })).rows.map((r) => r.id)).toEqual([acme.id, big.id, pending.id]);
    expect((await listPrintRuns(admin, { sort: 'largest' })).rows.map((r) => r.id)).toEqual([big.id, acme.id, pending.id]);
  });

  it('reads search params leniently: malformed values fall back to the defaults', async () => {
    const query = listPrintRunsQuerySchema.parse({ status: 'BOGUS', q: ['a', 'b'], sort: 'sideways', page: '-3' });
    expect(query).toEqual({ status: undefined, q: undefined, sort: 'newest', page: 1 });
    expect(listPrintRunsQuerySchema.parse({ status: 'READY', q: ' acme ', sort: 'largest', page: '2' })).toEqual({
      status: 'READY',
      q: 'acme',
      sort: 'largest',
      page: 2,
    });
    const result = await listPrintRuns(admin, query);
    expect(result).toMatchObject({ page: 1, total: 3, query: { sort: 'newest' } });
  });

  it('pages 25 runs at a time', async () => {
    const account = await seedAccount(t.db, 'Many Runs');
    const busy = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    for (let i = 0; i < PRINT_RUNS_PAGE_SIZE + 2; i++) {
      await order(busy, { quantity: '1', idPrefix: 'P', startSequence: String(i + 1) }, false);
    }
    const first = await listPrintRuns(busy, { page: 1 });
    const second = await listPrintRuns(busy, { page: '2' });
    expect(first).toMatchObject({ total: 27, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(2);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(27);
    expect((await listPrintRuns(busy, { page: 3 })).rows).toEqual([]);
  });

  it("never shows another account's runs", async () => {
    const mine = await listPrintRuns(admin, { q: 'AC-' });
    expect(mine.rows.map((r) => r.id)).toEqual([acme.id]);
    const theirs = await listPrintRuns(otherAdmin, {});
    expect(theirs.total).toBe(1);
    expect(theirs.rows.map((r) => r.id)).not.toContain(acme.id);
    await expect(getPrintRun(otherAdmin, acme.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPrintRunProgress(otherAdmin, acme.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listBatchCards(otherAdmin, acme.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportBatchCardsCsv(otherAdmin, acme.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is forbidden to clerks', async () => {
    await expect(listPrintRuns(clerk, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getPrintRun(clerk, acme.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getPrintRunProgress(clerk, acme.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listBatchCards(clerk, acme.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportBatchCardsCsv(clerk, acme.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives the detail of a run: range, formats, note and counts', async () => {
    const run = await getPrintRun(staff, acme.id);
    expect(run).toMatchObject({
      id: acme.id,
      createdBy: admin.email,
      firstCardId: 'AC-000001',
      lastCardId: 'AC-000010',
      note: 'Christmas',
      scheme: { prefix: 'AC-', start: 1, padWidth: 6, luhn: false },
      pinFormat: { length: 4, numbers: true },
      tokenFormat: { length: 16, numbers: true },
      counts: { inactive: 6, unused: 2, active: 1, expired: 1 },
    });
    expect(await getPrintRunProgress(staff, pending.id)).toEqual({ status: 'PENDING', cardsCreated: 0, quantity: 3, failureReason: null });
  });

  it('a batch created without an id scheme shows its lowest and highest card id', async () => {
    const account = await seedAccount(t.db, 'Batch Chain');
    const hq = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const { batch } = await createCardBatch(hq, createBatchSchema.parse({ cards: [{ card_id: 'zeta-9' }, { card_id: 'alpha-1' }, { card_id: 'mid-5' }] }));
    expect(await getPrintRun(hq, batch.id)).toMatchObject({ firstCardId: 'alpha-1', lastCardId: 'zeta-9', quantity: 3, scheme: undefined });
    expect((await listPrintRuns(hq, {})).rows[0]).toMatchObject({ id: batch.id, firstCardId: null, counts: { inactive: 3 } });
  });

  it('an unknown or malformed id is not found', async () => {
    await expect(getPrintRun(admin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPrintRun(admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the first cards by id with status and masked code, and no secrets', async () => {
    const cards = await listBatchCards(admin, big.id, 5);
    expect(cards.map((c) => c.cardId)).toEqual(['BG000100', 'BG000101', 'BG000102', 'BG000103', 'BG000104']);
    for (const card of cards) {
      expect(Object.keys(card).sort()).toEqual(['cardId', 'expiresAt', 'maskedCode', 'status']);
      expect(card.maskedCode).toMatch(/^\*{12}\d{4}$/);
    }
  });

  it('exports every card id of a ready run as CSV, page by page', async () => {
    const { filename, rows } = await exportBatchCardsCsv(staff, big.id, 7);
    expect(filename).toBe(`print-run-${big.id}-cards.csv`);
    const lines = (await collect(rows)).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('card_id,status,masked_code');
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(25);
    expect(body.map((l) => l.split(',')[0])).toEqual(Array.from({ length: 25 }, (_, i) => `BG${String(100 + i).padStart(6, '0')}`));
    for (const line of body) expect(line).toMatch(/^BG\d{6},inactive,\*{12}\d{4}$/);
    expect(await t.db.auditEvent.count({ where: { action: 'print_run.export', targetId: big.id } })).toBe(1);
  });

  it('exports a card past its expiry as expired, as the counts do', async () => {
    const first = 'BG000100';
    await t.db.card.updateMany({ where: { cardId: first, batchId: big.id }, data: { status: 'unused', expiresAt: new Date(Date.now() - 60_000) } });
    const lines = (await collect((await exportBatchCardsCsv(staff, big.id)).rows)).split('\r\n');
    expect(lines[1]).toMatch(/^BG000100,expired,/);
    await t.db.card.updateMany({ where: { cardId: first, batchId: big.id }, data: { status: 'inactive', expiresAt: null } });
  });

  it('refuses to export a run that is not ready', async () => {
    await expect(exportBatchCardsCsv(admin, pending.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
