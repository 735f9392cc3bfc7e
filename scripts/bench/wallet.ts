/**
 * Cases 1 and 2: the Wallet API's till operations under 32 connections on distinct cards, one
 * server and then two on the same database, each beside a pgbench run of the equivalent SQL.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Request } from 'autocannon';
import type { TestServer } from '@/lib/testing/http-server';
import { ACCOUNT, apiToken, createCards, type IssuedCard } from './http';
import { runAutocannon, runPgbench, type LoadResult } from './measure';
import type { BenchDb } from './setup';

export const WALLET_OPS = ['activation', 'info-token', 'info-pin', 'drawdown', 'pending-capture'] as const;
export type WalletOp = (typeof WALLET_OPS)[number];

export const OP_TITLES: Record<WalletOp, string> = {
  activation: 'Activation',
  'info-token': 'Info by token',
  'info-pin': 'Info by card_id + PIN',
  drawdown: 'Drawdown (token)',
  'pending-capture': 'Pending + capture (token)',
};

/** HTTP requests per operation: a pending drawdown and its capture are two. */
export const REQUESTS_PER_OP: Record<WalletOp, number> = { activation: 1, 'info-token': 1, 'info-pin': 1, drawdown: 1, 'pending-capture': 2 };

const SQL_DIR = path.resolve('scripts/bench/sql');
const FUNDED = 5_000;
const FUND_AMOUNT = 100_000_000;
const BASE = `/v1/accounts/${ACCOUNT}/wallets`;

export interface WalletContext {
  db: BenchDb;
  funded: IssuedCard[];
  /** Transactions/s of the last pgbench activation run, to size the next pool. */
  lastActivationRate: number;
  /** Requests/s of the last activation through the app, to size the next set of cards. */
  lastAppActivationRate: number;
  activationCardsMade: number;
  pgbenchPool: number;
}

/**
 * Cards for the read and drawdown cases: made through the Wallet API batch (their secrets come
 * back once), then funded the way an activation funds them — status unused, the cached balance
 * and an opening FUND ledger row — in one statement, and listed in bench_funded for pgbench.
 */
export async function prepareWallet(db: BenchDb, server: TestServer): Promise<WalletContext> {
  const token = await apiToken(server.baseUrl);
  const funded = await createCards(
    server.baseUrl,
    token,
    Array.from({ length: FUNDED }, (_, i) => `bench-funded-${i + 1}`),
  );
  await db.pool.query(
    `WITH c AS (
       UPDATE cards SET status = 'unused', currency = 'NOK', amount = $2, balance = $2, active_from = now(), activated_at = now(), activated_by = 'bench:setup'
       WHERE account_id = $1 AND card_id LIKE 'bench-funded-%' RETURNING id)
     INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, metadata, created_by, balance_after)
     SELECT gen_random_uuid(), $1, id, 'fund', 'FUND', $2, 'NOK', 'bench-setup:' || id, '{}', 'bench:setup', $2 FROM c`,
    [ACCOUNT, FUND_AMOUNT],
  );
  await db.pool.query(`CREATE TABLE bench_funded AS
    SELECT row_number() OVER (ORDER BY card_id)::int AS n, id, card_id, token_hash FROM cards WHERE account_id = '${ACCOUNT}' AND card_id LIKE 'bench-funded-%'`);
  await db.pool.query('ALTER TABLE bench_funded ADD PRIMARY KEY (n)');
  await db.pool.query('CREATE SEQUENCE bench_activation_seq');
  await db.pool.query('ANALYZE');
  return { db, funded, lastActivationRate: 0, lastAppActivationRate: 0, activationCardsMade: 0, pgbenchPool: 0 };
}

/** Inactive cards for pgbench's activations ('pgbench-<n>'), enough for the next run. */
async function ensurePgbenchPool(ctx: WalletContext, duration: number) {
  const { rows } = await ctx.db.pool.query<{ last: string }>('SELECT last_value AS last FROM bench_activation_seq');
  const used = Number(rows[0]!.last);
  // Before the first run, a rate no pgbench on a small machine exceeds (40,000 cards ran out at
  // 2,090 tps × 20 s): running out aborts pgbench ("expected one row, got 0").
  const need = Math.max(40_000, Math.ceil((ctx.lastActivationRate || 6_000) * duration * 1.6));
  if (ctx.pgbenchPool - used >= need) return;
  const from = ctx.pgbenchPool + 1;
  const to = used + need;
  await ctx.db.pool.query(
    `INSERT INTO cards (id, account_id, card_id, type, status, metadata, created_by)
     SELECT gen_random_uuid(), $1, 'pgbench-' || i, 'gift_card', 'inactive', '{}', 'bench:setup' FROM generate_series($2::int, $3::int) i`,
    [ACCOUNT, from, to],
  );
  await ctx.db.pool.query('ANALYZE cards');
  ctx.pgbenchPool = to;
}

function cycle<T>(items: T[]) {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function requestsFor(op: WalletOp, cards: IssuedCard[]): () => Request[] {
  const next = cycle(cards);
  const post = (path: string, body: unknown): Request => ({ method: 'POST', path, body: JSON.stringify(body) });
  switch (op) {
    case 'activation':
      return () => [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, ...post(`${BASE}/cards/${encodeURIComponent(next().cardId)}/activate`, { amount: 500, currency: 'NOK' }) }),
        },
      ];
    case 'info-token':
      return () => [{ method: 'POST', setupRequest: (req) => ({ ...req, ...post(`${BASE}/info`, { token: next().token }) }) }];
    case 'info-pin':
      return () => [
        { method: 'POST', setupRequest: (req) => ({ ...req, ...post(`${BASE}/info`, (({ cardId, pin }) => ({ card_id: cardId, pin }))(next())) }) },
      ];
    case 'drawdown':
      return () => [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, ...post(`${BASE}/transactions`, { ref_id: randomUUID(), amount: 1, currency: 'NOK', token: next().token }) }),
        },
      ];
    case 'pending-capture':
      return () => [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            ...post(`${BASE}/transactions`, { ref_id: randomUUID(), amount: 1, currency: 'NOK', token: next().token, pending: true }),
          }),
          onResponse: (status, body, context) => {
            context.id = status === 200 ? (JSON.parse(body) as { id: string }).id : undefined;
          },
        },
        {
          method: 'POST',
          // Without a reservation (the first request failed) start over with the next card.
          setupRequest: (req, context) =>
            context.id ? { ...req, ...post(`${BASE}/transactions/${String(context.id)}/capture`, { ref_id: randomUUID() }) } : null,
        },
      ];
  }
}

/** One repetition of one operation through `servers` (32 connections split between them). */
export async function measureWalletOp(ctx: WalletContext, op: WalletOp, servers: TestServer[], duration: number): Promise<LoadResult> {
  const tokens = await Promise.all(servers.map((s) => apiToken(s.baseUrl)));
  let cards = ctx.funded;
  if (op === 'activation') {
    // Fresh inactive cards, twice what the last run activated (the first run guesses: 150 req/s ran
    // out at 370 req/s, and the cards activated twice answered 409).
    const count = Math.min(30_000, Math.max(2_000, Math.ceil((ctx.lastAppActivationRate || 600) * servers.length * duration * 2)));
    const ids = Array.from({ length: count }, (_, i) => `bench-act-${ctx.activationCardsMade + i + 1}`);
    ctx.activationCardsMade += count;
    cards = await createCards(servers[0]!.baseUrl, tokens[0]!, ids);
  }
  const result = await runAutocannon(ctx.db, {
    servers: servers.map((server, i) => ({ server, headers: { authorization: `Bearer ${tokens[i]}` } })),
    connections: 32,
    duration,
    requests: requestsFor(op, cards),
  });
  if (op === 'activation') ctx.lastAppActivationRate = Math.max(ctx.lastAppActivationRate, result.perSecond / servers.length);
  if (op === 'activation' && result.completed > cards.length) {
    console.warn(`  activation ran out of inactive cards (${result.completed} requests, ${cards.length} cards): later requests are 409s`);
  }
  return result;
}

export async function measureWalletBaseline(ctx: WalletContext, op: WalletOp, duration: number): Promise<LoadResult> {
  if (op === 'activation') await ensurePgbenchPool(ctx, duration);
  const result = await runPgbench(ctx.db, {
    script: path.join(SQL_DIR, `${op}.sql`),
    clients: 32,
    threads: 2,
    duration,
    defines: { count: FUNDED },
  });
  if (op === 'activation') ctx.lastActivationRate = Math.max(ctx.lastActivationRate, result.perSecond);
  return result;
}
