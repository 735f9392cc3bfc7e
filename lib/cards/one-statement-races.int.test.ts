/**
 * Races on the one-statement drawdown and settlement paths (create-transaction.ts,
 * settle-transaction.ts) against real PostgreSQL: each reads what it checks in its statement's
 * snapshot, and these prove that a concurrent write committed after that snapshot is never missed —
 * a reservation is never settled past what it holds, a ref_id has one effect, the balance never
 * goes below zero. (The embedded database runs one statement at a time: nothing races there.)
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiClientActor } from '@/lib/auth/actor';
import { setDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import { seedAccount } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { ledgerAmounts } from './amounts';
import { createCardBatch } from './create-card-batch';
import { createTransaction } from './create-transaction';
import { activateCardSchema, createBatchSchema, createTransactionSchema } from './schemas';
import { settleTransaction } from './settle-transaction';

const onPostgres = inject('dbKind') === 'postgres';

describe.skipIf(!onPostgres)('one-statement writes racing on one card', () => {
  let t: TestDatabase;
  let api: ApiClientActor;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    setDb(t.db);
    api = {
      kind: 'api_client',
      apiClientId: '00000000-0000-0000-0000-000000000001',
      clientId: 'test',
      accountId: (await seedAccount(t.db)).id,
      scopes: ['admin:wallets'],
    };
  });
  afterAll(async () => {
    await t.close();
  });

  async function card(amount: number) {
    const cardId = `race-${++n}`;
    const { secrets } = await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: cardId }] }));
    await activateCard(api, cardId, activateCardSchema.parse({ amount, currency: 'NOK' }));
    const row = await t.db.card.findFirstOrThrow({ where: { cardId, accountId: api.accountId } });
    return { token: secrets[0]!.token, pin: secrets[0]!.pin, cardId, pk: row.id };
  }
  const drawdown = (token: string, amount: number, refId: string, pending = false) =>
    createTransaction(api, createTransactionSchema.parse({ token, type: 'drawdown', amount, currency: 'NOK', ref_id: refId, pending }));
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (error: unknown) => (isAppError(error) ? error.code : String(error)),
    );
  function tally(results: string[]) {
    return results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});
  }
  async function expectLedgerMatchesCard(pk: string) {
    const row = await t.db.card.findUniqueOrThrow({ where: { id: pk } });
    const amounts = (await ledgerAmounts(t.db, [pk])).get(pk)!;
    expect({ balance: row.balance, pending: row.pending }).toEqual({ balance: amounts.amount_balance, pending: amounts.amount_pending });
    return amounts;
  }

  it('20 concurrent captures of 1.00 on a 10.00 reservation: exactly 10 succeed, never more than it holds', async () => {
    const { token, pk } = await card(5000);
    const reserve = await drawdown(token, 1000, 'res-a', true);
    // Another reservation on the card: an over-capture of the first would not drive pending below zero.
    await drawdown(token, 2000, 'res-b', true);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(settleTransaction(api, reserve.transaction.id, { kind: 'capture', input: { ref_id: `cap-${i}`, amount: 100 } })),
      ),
    );
    expect(tally(results)).toEqual({ ok: 10, CONFLICT: 10 });
    const captured = await t.db.cardTransaction.aggregate({ where: { parentId: reserve.transaction.id }, _sum: { amount: true } });
    expect(captured._sum.amount).toBe(BigInt(1000));
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(4000), amount_pending: BigInt(2000) });
  });

  it('a void racing captures: the reservation is settled exactly once in total', async () => {
    const { token, pk } = await card(5000);
    const reserve = await drawdown(token, 1000, 'res-a', true);
    await drawdown(token, 2000, 'res-b', true);
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        outcome(settleTransaction(api, reserve.transaction.id, { kind: 'capture', input: { ref_id: `cap-${i}`, amount: 300 } })),
      ),
      outcome(settleTransaction(api, reserve.transaction.id, { kind: 'void', input: { ref_id: 'void' } })),
    ]);
    expect(results.filter((r) => r === 'ok').length).toBeGreaterThanOrEqual(1);
    const settled = await t.db.cardTransaction.aggregate({ where: { parentId: reserve.transaction.id }, _sum: { amount: true } });
    expect(settled._sum.amount).toBe(BigInt(1000));
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_pending: BigInt(2000) });
  });

  it('30 concurrent replays of one drawdown ref_id: one ledger row, every answer the same transaction', async () => {
    const { token, pk } = await card(5000);
    const results = await Promise.all(Array.from({ length: 30 }, () => drawdown(token, 700, 'same-ref')));
    expect(new Set(results.map((r) => r.transaction.id)).size).toBe(1);
    expect(results.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(await t.db.cardTransaction.count({ where: { cardPk: pk, refId: 'same-ref' } })).toBe(1);
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(4300) });
  });

  /**
   * Holds the card's row lock from another connection until `count` statements wait for it, then
   * lets go: the waiting statements all took their snapshots before any of them wrote. `hold` is
   * the statement that takes the lock; one that also changes the row commits that change on release.
   */
  async function releaseWhenWaiting(pk: string, count: number, run: () => Promise<unknown>[], hold = 'SELECT 1 FROM cards WHERE id = $1 FOR UPDATE') {
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(hold, [pk]);
      const pending = run();
      for (let i = 0; i < 1000; i++) {
        // (pg_stat_activity is read once per transaction unless its snapshot is cleared.)
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        if (rows[0]!.n >= count) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await holder.query('COMMIT');
      return await Promise.all(pending);
    } finally {
      await holder.end();
    }
  }

  it('replays that took their snapshot before the first write committed: one effect, the same answer', async () => {
    const { token, pk } = await card(5000);
    const results = await releaseWhenWaiting(pk, 3, () => Array.from({ length: 3 }, () => drawdown(token, 700, 'held-ref')));
    const answers = results as Awaited<ReturnType<typeof drawdown>>[];
    expect(new Set(answers.map((r) => r.transaction.id)).size).toBe(1);
    expect(answers.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(await t.db.cardTransaction.count({ where: { cardPk: pk, refId: 'held-ref' } })).toBe(1);
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(4300) });
  });

  it('a drawdown by card_id + right PIN is refused when a PIN lock commits while it waits for the card: no money moves', async () => {
    const { pin, cardId, pk } = await card(5000);
    const byPin = () =>
      outcome(
        createTransaction(api, createTransactionSchema.parse({ card_id: cardId, pin, type: 'drawdown', amount: 700, currency: 'NOK', ref_id: 'pin-held' })),
      );
    // The holder sets the lock as a burst's fifth wrong PIN would, and commits only once the
    // drawdown (its lookup read the card unlocked) waits for the card's row: the drawdown's own
    // statement must see the lock on the row as committed, not its snapshot's "unlocked".
    const results = await releaseWhenWaiting(pk, 1, () => [byPin()], `UPDATE cards SET pin_locked_until = now() + interval '10 minutes' WHERE id = $1`);
    expect(results).toEqual(['LIMIT_EXCEEDED']);
    expect(await t.db.cardTransaction.count({ where: { cardPk: pk, refId: 'pin-held' } })).toBe(0);
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(5000) });
  });

  it('captures that took their snapshot before the first settled: never more than the reservation holds', async () => {
    const { token, pk } = await card(5000);
    const reserve = await drawdown(token, 1000, 'res-a', true);
    await drawdown(token, 2000, 'res-b', true);
    const results = await releaseWhenWaiting(pk, 3, () =>
      Array.from({ length: 3 }, (_, i) =>
        outcome(settleTransaction(api, reserve.transaction.id, { kind: 'capture', input: { ref_id: `c-${i}`, amount: 600 } })),
      ),
    );
    expect(tally(results as string[])).toEqual({ ok: 1, CONFLICT: 2 });
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(4400), amount_pending: BigInt(2400) });
  });

  it('30 concurrent replays of one capture ref_id: one capture row', async () => {
    const { token, pk } = await card(5000);
    const reserve = await drawdown(token, 1000, 'res', true);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => settleTransaction(api, reserve.transaction.id, { kind: 'capture', input: { ref_id: 'cap', amount: 400 } })),
    );
    expect(new Set(results.map((r) => r.transaction.id)).size).toBe(1);
    expect(await t.db.cardTransaction.count({ where: { parentId: reserve.transaction.id } })).toBe(1);
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(4600), amount_pending: BigInt(600) });
  });

  it('30 concurrent drawdowns of 1.00 on a 10.00 card: exactly 10 succeed, the balance ends at 0', async () => {
    const { token, pk } = await card(1000);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => outcome(drawdown(token, 100, `d-${i}`))));
    expect(tally(results)).toEqual({ ok: 10, CONFLICT: 20 });
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(0), amount_drawdown: BigInt(1000) });
  });

  it('a single-use own token pays exactly once however many drawdowns race with it', async () => {
    const cardId = `race-${++n}`;
    const { secrets } = await createCardBatch(
      api,
      createBatchSchema.parse({ cards: [{ card_id: cardId }], options: { card_token: { expires_after_transaction: true } } }),
    );
    await activateCard(api, cardId, activateCardSchema.parse({ amount: 5000, currency: 'NOK' }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(drawdown(secrets[0]!.token, 100, `s-${i}`))));
    // The others are answered like an unknown token (and, past the caller's allowance of misses, paused).
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.every((r) => ['ok', 'NOT_FOUND', 'LIMIT_EXCEEDED'].includes(r))).toBe(true);
    const pk = (await t.db.card.findFirstOrThrow({ where: { cardId, accountId: api.accountId } })).id;
    expect(await expectLedgerMatchesCard(pk)).toMatchObject({ amount_balance: BigInt(4900) });
  });
});
