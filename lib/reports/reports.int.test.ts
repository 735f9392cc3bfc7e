/**
 * The finance reports against independent computations, on both databases. Seeded through the
 * real operations (counter sales in three stores and two currencies, API-funded cards, redemptions,
 * captured and voided reservations, an undone sale, a card deleted with its balance written off,
 * cards booked off by the expiry job); some cards' histories are then moved back in time, as a
 * chain's older cards would be. Blocked, refunded and adjusted cards wait for issue 12.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { BALANCE_SIGN } from '@/lib/cards/ledger';
import { adjustCard } from '@/lib/cards/adjust-card';
import { blockCard } from '@/lib/cards/block-card';
import { changeCardExpiry } from '@/lib/cards/change-card-expiry';
import { adjustCardSchema, changeExpirySchema, refundCardSchema, replaceCardSchema } from '@/lib/cards/control-schemas';
import { createCard } from '@/lib/cards/create-card';
import { refundCard } from '@/lib/cards/refund-card';
import { replaceCard } from '@/lib/cards/replace-card';
import { createTransaction } from '@/lib/cards/create-transaction';
import { deleteCard } from '@/lib/cards/delete-card';
import { expireCardBalances } from '@/lib/cards/expire-card-balances';
import { blockCardSchema, createCardSchema, createTransactionSchema, deleteCardQuerySchema } from '@/lib/cards/schemas';
import { settleTransaction } from '@/lib/cards/settle-transaction';
import type { LedgerKind } from '@/lib/generated/prisma/client';
import { rewriteHistoryForTest } from '@/lib/testing/rewrite-history';
import { activateAtStore } from '@/lib/counter/activate-at-store';
import { activateAtStoreSchema } from '@/lib/counter/schemas';
import { undoActivation } from '@/lib/counter/undo-activation';
import { restoreCsvValue } from '@/lib/csv/spreadsheet-safe';
import { seedUser } from '@/lib/testing/actors';
import { freshId, seedCards, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { formatIsoDate, calendarDateOf, startOfDay } from '@/lib/time/zoned';
import { updateAccountMapping, DEFAULT_MAPPING } from './accounting-settings';
import { getAgingReport } from './aging';
import { getBreakageReport, MIN_MATURED_CARDS } from './breakage';
import { KIND_CATEGORY } from './categories';
import { closeAccountingPeriod, exportJournal } from './close-period';
import { getLiabilityReport } from './liability';
import { ensureLiabilitySnapshots, KEEP_LATEST_CARD_STATES, PRUNE_GRACE_MS, pruneCardStates, snapshotBefore, SNAPSHOT_MARGIN_MS } from './liability-snapshots';
import { ensureDayTotals } from './day-totals';
import { getMovementsReport } from './movements';
import { getStorePerformanceReport } from './store-performance';

const DAY = 86_400_000;
const ZERO = BigInt(0);

describe('finance reports', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let admin: UserActor;
  let helsinki: { id: string };
  let helsinkiClerk: UserActor;
  const tz = 'Europe/Oslo';

  async function sell(actor: UserActor, amount: string, storeId: string, expiry = '') {
    const id = freshId('rp');
    const { cards } = await seedCards(c.api, [id]);
    await activateAtStore(actor, activateAtStoreSchema.parse({ cardId: id, amount, requestKey: randomUUID(), storeId, expiry }));
    const card = await t.db.card.findFirstOrThrow({ where: { accountId: c.account.id, cardId: id } });
    return { id, pk: card.id, token: cards[0]!.token };
  }
  async function redeem(token: string, amount: number, currency = 'NOK') {
    return createTransaction(c.api, createTransactionSchema.parse({ ref_id: randomUUID(), amount, currency, token }));
  }
  /** Moves a card's whole history so its first ledger row is at `to` (order and gaps kept). */
  async function backdate(pk: string, to: Date, expiresAt?: Date) {
    const first = await t.db.cardTransaction.findFirstOrThrow({ where: { cardPk: pk }, orderBy: { seq: 'asc' } });
    const shift = to.getTime() - first.createdAt.getTime();
    await rewriteHistoryForTest(t.db, async (tx) => {
      await tx.$executeRaw`UPDATE card_transactions SET created_at = created_at + make_interval(secs => ${shift / 1000}) WHERE card_pk = ${pk}::uuid`;
    });
    await t.db
      .$executeRaw`UPDATE cards SET activated_at = activated_at + make_interval(secs => ${shift / 1000}), created_at = created_at + make_interval(secs => ${shift / 1000}) WHERE id = ${pk}::uuid`;
    if (expiresAt) await t.db.card.update({ where: { id: pk }, data: { expiresAt } });
  }

  /** Independent: Σ of signed amounts of rows before T, with signs written out here, per currency. */
  async function sqlLiability(at: Date) {
    const rows = await t.db.$queryRaw<{ currency: string; total: bigint }[]>`
      SELECT currency, sum(CASE WHEN kind IN ('FUND','REFUND','ADJUST_CREDIT','TRANSFER_IN') THEN amount
                          WHEN kind IN ('DRAWDOWN','CAPTURE','REVERSAL','WRITE_OFF','EXPIRY','ADJUST_DEBIT','TRANSFER_OUT') THEN -amount ELSE 0 END)::bigint AS total
      FROM card_transactions WHERE account_id = ${c.account.id} AND created_at < ${at} GROUP BY 1`;
    return Object.fromEntries(rows.filter((r) => r.total !== ZERO).map((r) => [r.currency, r.total]));
  }
  const totalsOf = (lines: { currency: string; balance: bigint }[]) => Object.fromEntries(lines.map((l) => [l.currency, l.balance]));

  /** Every report with the snapshots of `accountId` set aside (the no-snapshot path), then put back. */
  async function withoutSnapshots<T>(accountId: string, run: () => Promise<T>): Promise<T> {
    const runs = await t.db.liabilitySnapshotRun.findMany({ where: { accountId } });
    await t.db.liabilitySnapshotRun.deleteMany({ where: { accountId } });
    try {
      return await run();
    } finally {
      await t.db.liabilitySnapshotRun.createMany({ data: runs });
    }
  }

  let tPast: Date;
  let oldCard: { id: string; pk: string };
  let pastReport: Awaited<ReturnType<typeof getLiabilityReport>>;
  const lastMonth = (() => {
    const today = calendarDateOf(new Date(), tz);
    const m = today.month === 1 ? { year: today.year - 1, month: 12 } : { year: today.year, month: today.month - 1 };
    return { label: `${m.year}-${String(m.month).padStart(2, '0')}`, mid: startOfDay({ ...m, day: 10 }, tz) };
  })();

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    admin = await seedUser(t.db, { accountId: c.account.id, role: 'HQ_ADMIN' });
    helsinki = await t.db.store.create({ data: { accountId: c.account.id, name: 'Helsinki', currency: 'EUR' } });
    helsinkiClerk = await seedUser(t.db, { accountId: c.account.id, role: 'CLERK', storeId: helsinki.id });

    // Oslo: two sales, one redeemed in part, one reserved then captured in part and voided.
    const o1 = await sell(c.osloClerk, '500', c.oslo.id);
    await redeem(o1.token, 12_345);
    const o2 = await sell(c.osloClerk, '1000', c.oslo.id);
    const reserve = await createTransaction(
      c.api,
      createTransactionSchema.parse({ ref_id: randomUUID(), amount: 30_000, currency: 'NOK', token: o2.token, pending: true }),
    );
    await settleTransaction(c.api, reserve.transaction.id, { kind: 'capture', input: { ref_id: randomUUID(), amount: 20_000 } });
    await settleTransaction(c.api, reserve.transaction.id, { kind: 'void', input: { ref_id: randomUUID() } });
    // Bergen: a sale undone (a reversed sale), the card then sold again at Oslo.
    const b1 = await sell(c.bergenClerk, '200', c.bergen.id);
    await undoActivation(c.bergenClerk, { cardId: b1.id });
    await activateAtStore(c.osloClerk, activateAtStoreSchema.parse({ cardId: b1.id, amount: '300', requestKey: randomUUID(), storeId: c.oslo.id }));
    // Helsinki (EUR): a sale, and a sale deleted with its balance written off.
    const h1 = await sell(helsinkiClerk, '50', helsinki.id);
    await redeem(h1.token, 1_000, 'EUR');
    const h2 = await sell(helsinkiClerk, '25', helsinki.id);
    await deleteCard(c.api, h2.id, deleteCardQuerySchema.parse({ balance: 'write_off' }));
    // HQ's card controls (issue 12): a refund of part of a redemption, a credit and a debit
    // adjustment, a card replaced onto a fresh one (transfer out + in), and a blocked card.
    const r1 = await sell(c.osloClerk, '600', c.oslo.id);
    const spent = await redeem(r1.token, 20_000);
    await refundCard(
      admin,
      r1.id,
      refundCardSchema.parse({
        transaction_id: spent.transaction.id,
        amount: 7_000,
        reason: 'double_charge',
        note: 'Charged twice',
        request_key: randomUUID(),
      }),
    );
    await adjustCard(
      admin,
      r1.id,
      adjustCardSchema.parse({ amount: 1_500, currency: 'NOK', reason: 'till_error', note: 'Goodwill', request_key: randomUUID() }),
    );
    await adjustCard(
      admin,
      r1.id,
      adjustCardSchema.parse({ amount: -2_500, currency: 'NOK', reason: 'till_error', note: 'Till error', request_key: randomUUID() }),
    );
    const fresh = freshId('rp-new');
    await seedCards(c.api, [fresh]);
    await replaceCard(admin, r1.id, replaceCardSchema.parse({ new_card_id: fresh, reason: 'damaged', note: 'Chip broken', request_key: randomUUID() }));
    const blocked = await sell(c.bergenClerk, '350', c.bergen.id);
    await blockCard(admin, blocked.id, blockCardSchema.parse({ reason: 'stolen', note: 'Customer called' }));
    // An API-funded credit note in NOK (no store).
    await createCard(c.api, createCardSchema.parse({ card_id: freshId('api'), amount: 7_500, currency: 'NOK', type: 'credit_note' }));

    // Older history: a Bergen card sold 14 months ago and redeemed then; last month's sales.
    const old = await sell(c.bergenClerk, '400', c.bergen.id);
    await redeem(old.token, 10_000);
    await backdate(old.pk, new Date(Date.now() - 425 * DAY));
    oldCard = old;
    for (const store of [c.oslo, c.bergen]) {
      const s = await sell(c.staff, '150', store.id);
      await redeem(s.token, 5_000);
      await backdate(s.pk, lastMonth.mid);
    }
    // Expired: a card whose expiry passed; the expiry job books its balance off.
    const e1 = await sell(c.osloClerk, '250', c.oslo.id);
    await redeem(e1.token, 5_000);
    await t.db.card.update({ where: { id: e1.pk }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await new Promise((r) => setTimeout(r, 5));
    expect(await expireCardBalances()).toBeGreaterThanOrEqual(1);
    // The job is idempotent: nothing left to book.
    expect(await expireCardBalances()).toBe(0);

    await new Promise((r) => setTimeout(r, 5));
    tPast = new Date();
    await new Promise((r) => setTimeout(r, 5));
    pastReport = await getLiabilityReport(c.staff, {}, tPast);
  });
  afterAll(async () => {
    await t.close();
  });

  it('the category table moves the liability exactly as the ledger moves balances', () => {
    for (const kind of Object.keys(BALANCE_SIGN) as LedgerKind[]) {
      expect(KIND_CATEGORY[kind]?.sign ?? 0).toBe(BALANCE_SIGN[kind]);
    }
  });

  it('liability now equals Σ card balances, per currency and split by store, print run and type', async () => {
    const report = await getLiabilityReport(c.staff, {});
    const cards = await t.db.card.findMany({ where: { accountId: c.account.id } });
    const sumBy = (key: (card: (typeof cards)[number]) => string) => {
      const out: Record<string, bigint> = {};
      for (const card of cards) if (card.balance !== ZERO) out[key(card)] = (out[key(card)] ?? ZERO) + card.balance;
      return out;
    };
    expect(totalsOf(report.totals)).toEqual(sumBy((card) => card.currency!));
    expect(totalsOf(report.totals)).toEqual(await sqlLiability(new Date()));
    expect(Object.keys(totalsOf(report.totals)).sort()).toEqual(['EUR', 'NOK']);
    const lineMap = (lines: typeof report.byStore) => Object.fromEntries(lines.map((l) => [`${l.currency}:${l.key ?? ''}`, l.balance]));
    expect(lineMap(report.byStore)).toEqual(sumBy((card) => `${card.currency}:${card.activatedStoreId ?? ''}`));
    expect(lineMap(report.byBatch)).toEqual(sumBy((card) => `${card.currency}:${card.batchId ?? ''}`));
    expect(lineMap(report.byType)).toEqual(sumBy((card) => `${card.currency}:${card.type}`));
    expect(report.byStore.find((l) => l.key === null)?.label).toBe('No store (API)');
  });

  it('a past T gives the same numbers after new transactions (as-of stability)', async () => {
    const more = await sell(c.osloClerk, '900', c.oslo.id);
    await redeem(more.token, 100);
    const h = await sell(helsinkiClerk, '10', helsinki.id);
    await deleteCard(c.api, h.id, deleteCardQuerySchema.parse({ balance: 'write_off' }));
    const again = await getLiabilityReport(c.staff, { asOf: undefined }, tPast);
    expect(again).toEqual(pastReport);
    expect(totalsOf(again.totals)).toEqual(await sqlLiability(tPast));
    expect(totalsOf((await getLiabilityReport(c.staff, {})).totals)).not.toEqual(totalsOf(pastReport.totals));
  });

  it('month-start snapshots and day totals change no figure: every report is the same with and without them', async () => {
    const now = new Date();
    const times = [
      now,
      tPast,
      lastMonth.mid,
      new Date(lastMonth.mid.getTime() - 40 * DAY),
      new Date(now.getTime() - 400 * DAY),
      new Date(now.getTime() - 3 * DAY),
    ];
    const without = await Promise.all(times.map((at) => getLiabilityReport(c.staff, {}, at)));
    // The reports that need every card at T (aging, the breakage estimate's open balances) read the
    // per-card states of the same snapshots (as-of.ts).
    const perCard = () =>
      Promise.all(
        times.flatMap((at) => [
          getAgingReport(c.staff, {}, at),
          getBreakageReport(c.staff, { granularity: 'day', days: 30 }, at),
          getBreakageReport(c.staff, { granularity: 'month', days: 365 }, at),
        ]),
      );
    const perCardWithout = await perCard();
    expect(await t.db.liabilitySnapshotRun.count({ where: { accountId: c.account.id } })).toBe(0);
    const written = await ensureLiabilitySnapshots(c.account.id, now);
    expect(written).toBeGreaterThanOrEqual(13);
    // Idempotent: a second pass (or a second server) writes nothing.
    expect(await ensureLiabilitySnapshots(c.account.id, now)).toBe(0);
    const runs = await t.db.liabilitySnapshotRun.findMany({ where: { accountId: c.account.id }, orderBy: { at: 'desc' } });
    expect(runs[0]!.at <= now).toBe(true);
    const withSnapshots = await Promise.all(times.map((at) => getLiabilityReport(c.staff, {}, at)));
    expect(withSnapshots).toEqual(without);
    expect(await t.db.cardStateSnapshot.count({ where: { accountId: c.account.id } })).toBeGreaterThan(0);
    expect(await perCard()).toEqual(perCardWithout);
    for (let i = 0; i < times.length; i++) expect(totalsOf(withSnapshots[i]!.totals)).toEqual(await sqlLiability(times[i]!));
    // Day totals: movements, store performance and the journal are the same with them.
    const periodReports = () =>
      Promise.all([
        getMovementsReport(c.staff, { granularity: 'day', days: 365 }, now),
        getMovementsReport(c.staff, { granularity: 'month', days: 365 }, now),
        getStorePerformanceReport(c.staff, { granularity: 'day', days: 365 }, now),
        exportJournal(admin, lastMonth.label, now),
      ]);
    const rawOnly = await periodReports();
    expect(await ensureDayTotals(c.account.id, now)).toBeGreaterThan(400);
    expect(await ensureDayTotals(c.account.id, now)).toBe(0);
    expect(await t.db.ledgerDayTotal.count({ where: { accountId: c.account.id } })).toBeGreaterThan(0);
    expect(await periodReports()).toEqual(rawOnly);
    // A snapshot holds the liability at its boundary exactly.
    const latest = runs[0]!;
    const snap = await t.db.liabilitySnapshot.groupBy({ by: ['currency'], where: { accountId: c.account.id, at: latest.at }, _sum: { balance: true } });
    expect(Object.fromEntries(snap.map((r) => [r.currency, r._sum.balance]))).toEqual(await sqlLiability(latest.at));
  });

  it('aging buckets sum to the liability, with each card in the bucket its own history puts it', async () => {
    const now = new Date();
    const report = await getAgingReport(c.staff, {}, now);
    const liability = await getLiabilityReport(c.staff, {}, now);
    for (const { currency, balance } of liability.totals) {
      const sum = (lines: typeof report.byActivity) => lines.filter((l) => l.currency === currency).reduce((a, l) => a + l.balance, ZERO);
      expect(sum(report.byActivity)).toBe(balance);
      expect(sum(report.byExpiry)).toBe(balance);
    }
    // Independently: each card's last row and balance, bucketed here.
    const cards = await t.db.card.findMany({
      where: { accountId: c.account.id, balance: { not: ZERO } },
      include: { transactions: { orderBy: { seq: 'desc' }, take: 1 } },
    });
    const expected: Record<string, bigint> = {};
    for (const card of cards) {
      const months = (now.getTime() - card.transactions[0]!.createdAt.getTime()) / (30.44 * DAY);
      const bucket = months < 6 ? 'm0_6' : months < 12 ? 'm6_12' : months < 24 ? 'm12_24' : 'm24_plus';
      expected[`${card.currency}:${bucket}`] = (expected[`${card.currency}:${bucket}`] ?? ZERO) + card.balance;
    }
    const got = Object.fromEntries(report.byActivity.filter((l) => l.balance !== ZERO).map((l) => [`${l.currency}:${l.bucket}`, l.balance]));
    expect(got).toEqual(expected);
    expect(got['NOK:m12_24']).toBe(BigInt(30_000));
  });

  it('movements reconcile: opening + movements = closing, each category equal to its rows', async () => {
    const now = new Date();
    const report = await getMovementsReport(c.staff, { granularity: 'day', days: 365 }, now);
    for (const r of report.reconciliation) {
      expect(r.difference).toBe(ZERO);
      expect(r.opening).toBe((await sqlLiability(report.period.start))[r.currency] ?? ZERO);
      expect(r.closing).toBe((await sqlLiability(report.period.end))[r.currency] ?? ZERO);
    }
    const kindSums = await t.db.$queryRaw<{ currency: string; kind: string; total: bigint }[]>`
      SELECT currency, kind::text, sum(amount)::bigint AS total FROM card_transactions
      WHERE account_id = ${c.account.id} AND created_at >= ${report.period.start} AND created_at < ${report.period.end} GROUP BY 1, 2`;
    const k = (currency: string, kind: string) => kindSums.find((x) => x.currency === currency && x.kind === kind)?.total ?? ZERO;
    const nok = report.reconciliation.find((r) => r.currency === 'NOK')!;
    expect(nok.byCategory.sale).toBe(k('NOK', 'FUND'));
    expect(nok.byCategory.reversal).toBe(-k('NOK', 'REVERSAL'));
    expect(nok.byCategory.redemption).toBe(-(k('NOK', 'DRAWDOWN') + k('NOK', 'CAPTURE')));
    expect(nok.byCategory.expiry).toBe(-k('NOK', 'EXPIRY'));
    expect(nok.byCategory.refund).toBe(k('NOK', 'REFUND'));
    expect(nok.byCategory.refund).toBe(BigInt(7_000));
    expect(nok.byCategory.adjustment).toBe(k('NOK', 'ADJUST_CREDIT') - k('NOK', 'ADJUST_DEBIT'));
    expect(nok.byCategory.adjustment).toBe(BigInt(-1_000));
    expect(nok.byCategory.transfer_in).toBe(-nok.byCategory.transfer_out!);
    expect(nok.byCategory.transfer_in).toBe(BigInt(60_000 - 20_000 + 7_000 + 1_500 - 2_500));
    expect(nok.byCategory.reversal).toBe(BigInt(-20_000));
    const eur = report.reconciliation.find((r) => r.currency === 'EUR')!;
    expect(eur.byCategory.write_off).toBe(-k('EUR', 'WRITE_OFF'));
    expect(eur.byCategory.write_off < ZERO).toBe(true);
  });

  it('breakage: realised is the expired and written-off rows of the period; no estimate without history', async () => {
    const report = await getBreakageReport(c.staff, { granularity: 'day', days: 30 });
    const sums = await t.db.$queryRaw<{ currency: string; kind: string; total: bigint }[]>`
      SELECT currency, kind::text, sum(amount)::bigint AS total FROM card_transactions
      WHERE account_id = ${c.account.id} AND kind IN ('EXPIRY', 'WRITE_OFF') AND created_at >= ${report.period.start} GROUP BY 1, 2`;
    for (const r of report.realised) {
      expect(r.expired).toBe(sums.find((s) => s.currency === r.currency && s.kind === 'EXPIRY')?.total ?? ZERO);
      expect(r.writtenOff).toBe(sums.find((s) => s.currency === r.currency && s.kind === 'WRITE_OFF')?.total ?? ZERO);
    }
    expect(report.realised.find((r) => r.currency === 'NOK')!.expired).toBe(BigInt(20_000));
    for (const e of report.estimates) {
      expect(e.refusal).toMatch(/Too little history/);
      expect(e.expectedBreakage).toBeNull();
    }
  });

  it('store performance: sold, loaded and redeemed per store of sale, equal to the ledger', async () => {
    const report = await getStorePerformanceReport(c.staff, { granularity: 'day', days: 365 });
    const oslo = report.lines.find((l) => l.storeId === c.oslo.id && l.currency === 'NOK')!;
    const rows = await t.db.cardTransaction.findMany({ where: { accountId: c.account.id, saleStoreId: c.oslo.id, createdAt: { gte: report.period.start } } });
    const sum = (kinds: string[]) => rows.filter((r) => kinds.includes(r.kind)).reduce((a, r) => a + r.amount, ZERO);
    expect(oslo.loaded).toBe(sum(['FUND']) - sum(['REVERSAL']));
    expect(oslo.redeemedNoStore).toBe(sum(['DRAWDOWN', 'CAPTURE']));
    const bergen = report.lines.find((l) => l.storeId === c.bergen.id)!;
    // In the year Bergen sold three cards and one sale was undone (the card was sold again at
    // Oslo); the blocked card still counts as sold.
    expect(bergen.cardsSold).toBe(2);
    expect(report.lines.find((l) => l.storeId === helsinki.id)!.currency).toBe('EUR');
  });

  it('the journal balances, reconciles with report 1, and a closed month re-exports byte for byte', async () => {
    const journal = await exportJournal(admin, lastMonth.label);
    expect(journal.lineCount).toBeGreaterThan(0);
    const lines = journal.csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',').map(restoreCsvValue));
    const minor = (v: string) => (v ? BigInt(v.replace('.', '')) : ZERO);
    const debit = lines.reduce((a, l) => a + minor(l[2]!), ZERO);
    const credit = lines.reduce((a, l) => a + minor(l[3]!), ZERO);
    expect(debit).toBe(credit);
    const liabilityNet = lines.filter((l) => l[1] === '2901').reduce((a, l) => a + minor(l[3]!) - minor(l[2]!), ZERO);
    const before = await sqlLiability(journal.period.start);
    const after = await sqlLiability(journal.period.end);
    expect(liabilityNet).toBe((after.NOK ?? ZERO) - (before.NOK ?? ZERO));
    expect(liabilityNet).toBe(BigInt(30_000 - 10_000));

    // Staff may not close; the admin closes; a second close is a conflict; the current month cannot be closed.
    await expect(closeAccountingPeriod(c.staff, lastMonth.label)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const closed = await closeAccountingPeriod(admin, lastMonth.label);
    expect(closed.sha256).toBe(journal.sha256);
    await expect(closeAccountingPeriod(admin, lastMonth.label)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'closed' } });
    await expect(closeAccountingPeriod(admin, formatIsoDate(calendarDateOf(new Date(), tz)).slice(0, 7))).rejects.toMatchObject({
      details: { reason: 'not_ended' },
    });

    // New transactions, a new mapping, a renamed store: the closed month's file is the same bytes.
    const s = await sell(c.osloClerk, '100', c.oslo.id);
    await redeem(s.token, 100);
    await updateAccountMapping(admin, { ...DEFAULT_MAPPING, liability: '2900', redemption: '1581' });
    await t.db.store.update({ where: { id: c.bergen.id }, data: { name: 'Bergen sentrum' } });
    const again = await exportJournal(admin, lastMonth.label);
    expect(again.csv).toBe(journal.csv);
    expect(again.sha256).toBe(journal.sha256);
    expect(again.closed).not.toBeNull();
  });

  it('breakage estimate from matured cards: the rate and the expected breakage follow the curve', async () => {
    // A separate account, so this cohort is the only history.
    const d = await seedCounter(t.db);
    const saleAt = new Date(Date.now() - 20 * 30 * DAY);
    let loaded = ZERO;
    let redeemed = ZERO;
    for (let i = 0; i < MIN_MATURED_CARDS; i++) {
      const id = freshId('bk');
      const { cards } = await seedCards(d.api, [id]);
      await activateAtStore(d.osloClerk, activateAtStoreSchema.parse({ cardId: id, amount: '100', requestKey: randomUUID(), storeId: d.oslo.id }));
      const spend = i % 3 === 0 ? 10_000 : 6_000;
      await createTransaction(d.api, createTransactionSchema.parse({ ref_id: randomUUID(), amount: spend, currency: 'NOK', token: cards[0]!.token }));
      const card = await t.db.card.findFirstOrThrow({ where: { accountId: d.account.id, cardId: id } });
      await backdate(card.id, saleAt, new Date(saleAt.getTime() + 12 * 30 * DAY));
      loaded += BigInt(10_000);
      redeemed += BigInt(spend);
    }
    const open = await (async () => {
      const id = freshId('bk');
      const { cards } = await seedCards(d.api, [id]);
      await activateAtStore(d.osloClerk, activateAtStoreSchema.parse({ cardId: id, amount: '500', requestKey: randomUUID(), storeId: d.oslo.id }));
      return cards[0]!;
    })();
    expect(open.cardId).toBeTruthy();
    const report = await getBreakageReport(d.staff, { granularity: 'day', days: 30 });
    const nok = report.estimates.find((e) => e.currency === 'NOK')!;
    expect(nok.refusal).toBeNull();
    expect(nok.maturedCards).toBe(MIN_MATURED_CARDS);
    expect(nok.loaded).toBe(loaded);
    expect(nok.redeemed).toBe(redeemed);
    const rate = 1 - Number(redeemed) / Number(loaded);
    expect(nok.rate).toBeCloseTo(rate, 6);
    // Open: the new card (month 0, nothing redeemed before it on the curve, so p = r) and what is
    // left on the expired cards not yet booked off (the curve is done with them: p = 1).
    const leftOnExpired = loaded - redeemed;
    expect(nok.openLiability).toBe(BigInt(50_000) + leftOnExpired);
    expect(nok.expectedBreakage).toBe(leftOnExpired + (BigInt(50_000) * BigInt(Math.round(rate * 1e6))) / BigInt(1e6));
    expect(nok.curve[0]!.redeemedShare).toBeCloseTo(Number(redeemed) / Number(loaded), 6);
    expect(nok.learnedFrom).toBe(saleAt.toISOString().slice(0, 10));

    // The month's snapshot stores the cohort and curve (breakage-curve.ts); the report reads them
    // and gives the same figures as computed from the ledger.
    const at = new Date();
    const fromScratch = await getBreakageReport(d.staff, { granularity: 'day', days: 30 }, at);
    expect(fromScratch.learnedBefore <= at).toBe(true);
    expect(await ensureLiabilitySnapshots(d.account.id, new Date(at.getTime() + 2 * SNAPSHOT_MARGIN_MS))).toBeGreaterThan(12);
    const where = { accountId: d.account.id, at: fromScratch.learnedBefore };
    expect(await t.db.breakageCurveSnapshot.count({ where })).toBeGreaterThan(0);
    expect(await t.db.breakageCohortSnapshot.findFirst({ where })).toMatchObject({ currency: 'NOK', cards: MIN_MATURED_CARDS });
    expect(await getBreakageReport(d.staff, { granularity: 'day', days: 30 }, at)).toEqual(fromScratch);
    await t.db.breakageCurveSnapshot.updateMany({ where: { ...where, month: 0 }, data: { redeemed: { increment: 1_000 } } });
    const altered = await getBreakageReport(d.staff, { granularity: 'day', days: 30 }, at);
    expect(altered.estimates.find((e) => e.currency === 'NOK')!.redeemed).toBe(redeemed + BigInt(1_000));
  });
  it('an expiry changed after a snapshot: aging and the breakage estimate use the date as it is now, as without snapshots', async () => {
    const now = new Date();
    await ensureLiabilitySnapshots(c.account.id, now);
    const snapAt = await snapshotBefore(c.account.id, now, { cardStates: true });
    expect(snapAt).not.toBeNull();
    // The card sold 14 months ago has not moved since: aging takes it, and its expiry, from the snapshot.
    const inSnapshot = await t.db.cardStateSnapshot.findUniqueOrThrow({
      where: { accountId_at_cardPk: { accountId: c.account.id, at: snapAt!, cardPk: oldCard.pk } },
    });
    expect(inSnapshot.expiresAt).toEqual((await t.db.card.findUniqueOrThrow({ where: { id: oldCard.pk } })).expiresAt);
    expect(inSnapshot.balance).toBe(BigInt(30_000));
    const bucketOf = (report: Awaited<ReturnType<typeof getAgingReport>>, bucket: string) =>
      report.byExpiry.find((l) => l.currency === 'NOK' && l.bucket === bucket)!;
    const before = await getAgingReport(c.staff, {}, now);
    const logged = () => t.db.cardDateChange.count({ where: { cardPk: oldCard.pk } });
    const loggedBefore = await logged();
    await changeCardExpiry(
      admin,
      oldCard.id,
      changeExpirySchema.parse({
        expires_at: new Date(now.getTime() + 60 * DAY).toISOString(),
        reason: 'customer_request',
        note: 'Extended',
        request_key: randomUUID(),
      }),
    );
    // The trigger on cards logged the change (and logs no other update of the card).
    expect(await logged()).toBe(loggedBefore + 1);
    await t.db.card.update({ where: { id: oldCard.pk }, data: { metadata: { note: 'not a date' } } });
    expect(await logged()).toBe(loggedBefore + 1);
    const later = new Date();
    const [aging, breakage] = await Promise.all([getAgingReport(c.staff, {}, later), getBreakageReport(c.staff, { granularity: 'day', days: 30 }, later)]);
    expect(bucketOf(aging, 'e0_3').balance).toBe(bucketOf(before, 'e0_3').balance + BigInt(30_000));
    const nokTotal = (report: typeof aging) => report.byExpiry.filter((l) => l.currency === 'NOK').reduce((a, l) => a + l.balance, ZERO);
    expect(nokTotal(aging)).toBe(nokTotal(before));
    // Independently: every NOK card with a balance whose expiry is within 0–3 months, from cards.
    const soon = await t.db.card.findMany({
      where: { accountId: c.account.id, currency: 'NOK', balance: { not: ZERO }, expiresAt: { gt: later, lte: new Date(later.getTime() + 89 * DAY) } },
    });
    expect(bucketOf(aging, 'e0_3').balance).toBe(soon.reduce((a, card) => a + card.balance, ZERO));
    expect(await withoutSnapshots(c.account.id, () => getAgingReport(c.staff, {}, later))).toEqual(aging);
    expect(await withoutSnapshots(c.account.id, () => getBreakageReport(c.staff, { granularity: 'day', days: 30 }, later))).toEqual(breakage);
  });

  it("the date log skips a card's first sale (no extra insert on the till's activation) and logs the undoing of one", async () => {
    const count = () => t.db.cardDateChange.count({ where: { accountId: c.account.id } });
    const before = await count();
    const sold = await sell(c.osloClerk, '100', c.oslo.id);
    expect(await count()).toBe(before);
    await undoActivation(c.osloClerk, { cardId: sold.id });
    expect(await count()).toBe(before + 1);
  });
  it('pruning old card states changes no figure; the date log keeps what the kept snapshots need', async () => {
    const now = new Date();
    await ensureLiabilitySnapshots(c.account.id, now);
    const runs = await t.db.liabilitySnapshotRun.findMany({ where: { accountId: c.account.id }, orderBy: { at: 'desc' } });
    const quarterStart = (at: Date) => (calendarDateOf(at, tz).month - 1) % 3 === 0;
    const keep = runs.filter((r, i) => i < KEEP_LATEST_CARD_STATES || quarterStart(r.at));
    expect(runs.length - keep.length).toBeGreaterThanOrEqual(4);
    // Marked at once (no report reads them), the rows still there for the grace period.
    expect(runs.filter((r) => r.cardStatesDroppedAt !== null).map((r) => r.at)).toEqual(runs.filter((r) => !keep.includes(r)).map((r) => r.at));
    const boundariesWithRows = async () =>
      (await t.db.cardStateSnapshot.groupBy({ by: ['at'], where: { accountId: c.account.id } })).map((g) => g.at.getTime()).sort();
    expect((await boundariesWithRows()).length).toBe(runs.length);
    // A change long before the oldest kept boundary is of no use any more; a recent one is.
    const stale = await t.db.cardDateChange.create({ data: { accountId: c.account.id, cardPk: oldCard.pk, changedAt: new Date(now.getTime() - 1200 * DAY) } });
    const recent = await t.db.cardDateChange.create({ data: { accountId: c.account.id, cardPk: oldCard.pk, changedAt: new Date(now.getTime() - 5 * DAY) } });

    const times = [
      now,
      lastMonth.mid,
      new Date(now.getTime() - 75 * DAY),
      new Date(now.getTime() - 130 * DAY),
      new Date(now.getTime() - 200 * DAY),
      new Date(now.getTime() - 400 * DAY),
    ];
    const perCard = () =>
      Promise.all(times.flatMap((at) => [getAgingReport(c.staff, {}, at), getBreakageReport(c.staff, { granularity: 'month', days: 90 }, at)]));
    const reference = await withoutSnapshots(c.account.id, perCard);
    expect(await pruneCardStates(c.account.id, tz, new Date(now.getTime() + PRUNE_GRACE_MS + 60_000))).toBe(0);
    expect(await boundariesWithRows()).toEqual(keep.map((r) => r.at.getTime()).sort());
    expect(await perCard()).toEqual(reference);
    const oldestKept = keep.at(-1)!.at;
    expect(
      await t.db.cardDateChange.count({ where: { accountId: c.account.id, changedAt: { lt: new Date(oldestKept.getTime() - SNAPSHOT_MARGIN_MS) } } }),
    ).toBe(0);
    expect(await t.db.cardDateChange.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await t.db.cardDateChange.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });
});
