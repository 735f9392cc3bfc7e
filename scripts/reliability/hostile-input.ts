/**
 * Hostile input: fast-check generates broken variants of every Wallet API body, query string and
 * path id, and of every server action's form (or data) input, and sends them to the production server.
 *
 * What must hold for each input sent:
 * - Never a 5xx. Wallet API: every non-2xx answer is a 4xx in the error shape
 *   `{error:{code,message}}`; a 2xx only when the route's own zod schema accepts the body (then
 *   the domain may still refuse it with a 4xx). Server actions: a refusal (`ok: false`), or
 *   success only when the action's schema accepts the input.
 * - The database unchanged on every refusal. "Unchanged" means money and state: a checksum over
 *   cards (status, balances, currency, secrets' hashes, activation, expiry, details, deletion),
 *   the ledger (card_transactions), print runs (and their download record), stores, users (role,
 *   store, disabled), API clients (scopes, revocation), the accounts' policy and the Wallet API
 *   settings. Left out on purpose, because refused attempts are meant
 *   to change them: audit_events (refusals are audited), PIN-failure counters on cards, sign-in
 *   and lookup throttle counters, last-login times.
 *
 * Inputs come from a fixed seed (SEED), so a run is reproducible; no shrinking (every generated
 * input is sent, and every failure is counted and listed by kind).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { z } from 'zod';
import { updateStorePolicySchema } from '@/lib/accounts/schemas';
import { decideApprovalSchema, requestPrintReleaseSchema, updateDualControlFormSchema } from '@/lib/approvals/schemas';
import { createApiClientSchema, revokeApiClientSchema } from '@/lib/api-clients/schemas';
import { credentialsSchema } from '@/lib/auth/authenticate';
import {
  activateCardSchema,
  captureSchema,
  cardInfoSchema,
  createBatchSchema,
  createCardSchema,
  createTransactionSchema,
  customerCardsQuerySchema,
  deleteCardQuerySchema,
  getCardQuerySchema,
  listCardsQuerySchema,
  listTransactionsQuerySchema,
  rotatePinSchema,
  voidSchema,
} from '@/lib/cards/schemas';
import { orderPrintRunSchema } from '@/lib/print-runs/schemas';
import { activateAtStoreSchema, lookupBalanceSchema, resolveCardSchema, undoActivationSchema } from '@/lib/counter/schemas';
import { createStoreSchema, setStoreDisabledSchema } from '@/lib/stores/schemas';
import { assignClerkStoreSchema, createUserSchema, setUserDisabledSchema } from '@/lib/users/schemas';
import { updateWalletSettingsSchema } from '@/lib/wallet-settings/schemas';
import { createSubscriptionFormSchema, deliveryRefSchema, subscriptionRefSchema } from '@/lib/webhooks/schemas';
import { DEMO_ACCOUNT, DEMO_API_CLIENT, DEMO_PASSWORD } from '@/prisma/seed-demo';
import { ApiClient, callAction, Http, isErrorShape, readActionIds, Session, type HttpAnswer } from './http-kit';
import type { Probe, ReliabilityEnv, Section } from './types';

export const SEED = 20_260_508;
const RUNS = { body: 70, path: 45, query: 40, action: 28 };
const A: string = DEMO_ACCOUNT.id;

// ---------------------------------------------------------------- generators

/** Strings that have broken servers before: NUL, lone surrogates, control and bidi characters, huge, odd escapes. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u202Eevil',
  '\r\n',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  ' padded ',
  'NaN',
  '1e309',
  '-0',
  '0x10',
  '💳'.repeat(200),
  'x'.repeat(300),
  'x'.repeat(70_000),
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, -0, 0.5, 1.5, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 10_000_000_001, -2_147_483_649),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const deep = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
};
/** Any JSON value of a wrong kind for a field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }),
  fc.constantFrom(deep(60), deep(2000), { format: null }, { __proto__: { admin: true } }, { constructor: { prototype: {} } }),
);
/** Bodies that are not JSON objects at all, as raw text (JSON.stringify cannot make most of them). */
const RAW_BODIES = [
  '{',
  '{"a":1,}',
  '[]',
  'null',
  '"str"',
  '12',
  '\uFEFF{}',
  '{"amount":1e400}',
  '{"amount":123456789012345678901234567890}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"x":1}}',
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"a":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5001),
  'x'.repeat(3 * 1024 * 1024),
];

type Mutation =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'delete'; key: string }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'raw'; text: string };

function mutation(keys: string[]): fc.Arbitrary<Mutation> {
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'account_id', 'balance', 'dintero_x'), fc.string({ maxLength: 8 })),
        value: hostileValue,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom(...RAW_BODIES) }) },
  );
}

/** Applies a mutation to a valid body; returns the JSON text to send (or undefined for a raw text). */
function applyMutation(base: Record<string, unknown>, m: Mutation): { text: string; value: unknown; parses: boolean } {
  if (m.kind === 'raw') {
    let value: unknown;
    let parses = true;
    try {
      value = m.text.trim() === '' ? {} : JSON.parse(m.text);
    } catch {
      parses = false;
    }
    return { text: m.text, value, parses };
  }
  let value: unknown;
  if (m.kind === 'whole') value = m.value;
  else {
    const copy: Record<string, unknown> = { ...base };
    if (m.kind === 'delete') delete copy[m.key];
    else if (m.kind === 'set') copy[m.key] = m.value;
    else Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    value = copy;
  }
  const text = JSON.stringify(value) ?? 'null';
  // What the server will see: the same text through JSON.parse (e.g. -0 → 0, __proto__ as a key).
  return { text, value: JSON.parse(text), parses: true };
}

/** Whether the schema accepts the value. A schema that throws (rather than refusing) does not accept it. */
function accepts(schema: z.ZodType, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- database checksum

const CHECKSUM_SQL = `SELECT concat_ws(' ',
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, balance, pending, currency, amount, token_hash, pin_hash, activated_at, activated_store_id, activated_by, active_from, expires_at, customer_id, name, metadata::text, deleted_at), ',' ORDER BY id), '')) FROM cards),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, card_pk, kind, type, amount, currency, ref_id, is_pending, parent_id), ',' ORDER BY id), '')) FROM card_transactions),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, quantity, cards_created, secrets_state, secrets_released_at, print_file_sha256, print_file_downloaded_at), ',' ORDER BY id), '')) FROM batches),
  (SELECT md5(coalesce(string_agg(concat_ws('|', account_id, default_card_expires_in_days), ',' ORDER BY account_id), '')) FROM wallet_settings),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, name, is_disabled), ',' ORDER BY id), '')) FROM stores),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, email, role, store_id, is_disabled, password_hash), ',' ORDER BY id), '')) FROM users),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, client_id, scopes::text, revoked_at, secret_hash), ',' ORDER BY id), '')) FROM api_clients),
  (SELECT md5(coalesce(string_agg(concat_ws('|', a.*), ',' ORDER BY id), '')) FROM accounts a),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, approved_by, rejected_by, executed_at), ',' ORDER BY id), '')) FROM approval_requests),
  (SELECT md5(coalesce(string_agg(concat_ws('|', d.*), ',' ORDER BY account_id), '')) FROM dual_control_settings d),
  -- Not the delivery log or failure counters: the worker moves those on its own.
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, url, events::text, active, deleted_at), ',' ORDER BY id), '')) FROM webhook_subscriptions)
) AS sum`;

// ---------------------------------------------------------------- bookkeeping

class Tally {
  tried = 0;
  failures = new Map<string, { count: number; examples: string[] }>();
  constructor(readonly redact: (s: string) => string) {}
  fail(kind: string, example: string) {
    const entry = this.failures.get(kind) ?? { count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < 3) entry.examples.push(this.redact(example));
    this.failures.set(kind, entry);
  }
  get failed(): number {
    return [...this.failures.values()].reduce((n, f) => n + f.count, 0);
  }
  detail(held: string): string {
    if (this.failures.size === 0) return held;
    const lines = [...this.failures].sort((a, b) => b[1].count - a[1].count).map(([kind, f]) => `${f.count}× ${kind}; e.g. ${f.examples.join(' | ')}`);
    return `${this.failed} of ${this.tried} inputs broke a rule (fast-check seed ${SEED}):\n${lines.join('\n')}`;
  }
}

/** A short, printable, ASCII-only rendering of an input for the report. */
function show(value: unknown, max = 120): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  if (text.length > max) text = `${text.slice(0, max)}…(${text.length} chars)`;
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------- the section

interface World {
  http: Http;
  pg: pg.Client;
  api: ApiClient;
  admin: Session;
  clerk: Session;
  /** Holds money and a reservation (so a DELETE of it is always refused); has a customer. */
  funded: { cardId: string; token: string; pin: string };
  customerId: string;
  inactive: string;
  pending: string;
  storeA: string;
  userId: string;
  releaseRun: string;
}

async function checksum(w: World): Promise<string> {
  // Print runs ordered by an accepted input are filled in the background: let that finish first.
  for (let i = 0; i < 240; i += 1) {
    const busy = await w.pg.query(`SELECT 1 FROM batches WHERE status IN ('PENDING', 'RUNNING') LIMIT 1`);
    if (busy.rowCount === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return (await w.pg.query<{ sum: string }>(CHECKSUM_SQL)).rows[0]!.sum;
}

async function setup(env: ReliabilityEnv): Promise<{ w: World; stop: () => Promise<void> }> {
  const url = await env.newDatabase('hostile');
  const server = await env.startServer(url, { logFile: `${env.workDir}/hostile-input-server.log` });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const http = new Http(server.baseUrl);
  const api = await new ApiClient(http, A, DEMO_API_CLIENT.clientId, DEMO_API_CLIENT.secret).getToken();
  const customerId = `hi-customer-${randomBytes(3).toString('hex')}`;
  const card = await api.call('POST', '/wallets/cards', {
    card_id: `hi-funded-${randomBytes(3).toString('hex')}`,
    amount: 1_000_000,
    currency: 'NOK',
    customer_id: customerId,
  });
  const body = card.json as { card_id: string; card_token: { token: { value: string } }; pin: { pin: { value: string } } };
  const inactive = `hi-inactive-${randomBytes(3).toString('hex')}`;
  await api.call('POST', '/wallets/cards/batch', { cards: [{ card_id: inactive }] });
  const hold = await api.call('POST', '/wallets/transactions', {
    ref_id: `hi-hold-${randomUUID()}`,
    amount: 100,
    currency: 'NOK',
    token: body.card_token.token.value,
    pending: true,
  });
  const storeA = (await client.query<{ id: string }>(`SELECT id FROM stores WHERE name = 'Oslo Downtown'`)).rows[0]!.id;
  const userId = (await client.query<{ id: string }>(`SELECT id FROM users WHERE email = 'bergen@demo.test'`)).rows[0]!.id;
  const admin = await new Session(http, 'admin').signIn('admin@demo.test', DEMO_PASSWORD);
  const clerk = await new Session(http, 'clerk').signIn('oslo@demo.test', DEMO_PASSWORD);
  const w: World = {
    http,
    pg: client,
    api,
    admin,
    clerk,
    funded: { cardId: body.card_id, token: body.card_token.token.value, pin: body.pin.pin.value },
    customerId,
    inactive,
    pending: (hold.json as { id: string }).id,
    storeA,
    userId,
    releaseRun: '',
  };
  return {
    w,
    stop: async () => {
      await client.end();
      await server.stop();
    },
  };
}

interface BodyTarget {
  name: string;
  /** POST unless said. */
  method?: 'PATCH';
  path: (w: World) => string;
  schema: z.ZodType;
  base: (w: World) => Record<string, unknown>;
}

const BODY_TARGETS: BodyTarget[] = [
  {
    name: 'POST cards',
    path: () => '/wallets/cards',
    schema: createCardSchema,
    base: () => ({ card_id: `hi-${randomUUID()}`, amount: 1000, currency: 'NOK', pin: { format: { length: 4, numbers: true } } }),
  },
  {
    name: 'POST cards/batch',
    path: () => '/wallets/cards/batch',
    schema: createBatchSchema,
    base: () => ({ cards: [{ card_id: `hi-${randomUUID()}` }], options: { pin: { format: { length: 4, numbers: true } } } }),
  },
  {
    name: 'POST cards/{id}/activate',
    path: (w) => `/wallets/cards/${w.inactive}/activate`,
    schema: activateCardSchema,
    base: () => ({ amount: 1000, currency: 'NOK', name: 'x' }),
  },
  {
    name: 'POST cards/{id}/rotate-pin',
    path: (w) => `/wallets/cards/${w.funded.cardId}/rotate-pin`,
    schema: rotatePinSchema,
    base: () => ({ pin: { format: { length: 4, numbers: true } } }),
  },
  { name: 'POST info', path: () => '/wallets/info', schema: cardInfoSchema, base: (w) => ({ token: w.funded.token }) },
  {
    name: 'POST transactions',
    path: () => '/wallets/transactions',
    schema: createTransactionSchema,
    base: (w) => ({ ref_id: `hi-${randomUUID()}`, amount: 1, currency: 'NOK', token: w.funded.token }),
  },
  {
    name: 'POST transactions/{id}/capture',
    path: (w) => `/wallets/transactions/${w.pending}/capture`,
    schema: captureSchema,
    base: () => ({ ref_id: `hi-${randomUUID()}`, amount: 1 }),
  },
  {
    name: 'POST transactions/{id}/void',
    path: (w) => `/wallets/transactions/${w.pending}/void`,
    schema: voidSchema,
    base: () => ({ ref_id: `hi-${randomUUID()}` }),
  },
  {
    name: 'PATCH settings',
    method: 'PATCH',
    path: () => '/wallets/settings',
    schema: updateWalletSettingsSchema,
    base: () => ({ default_card_expires_in_days: 1096 }),
  },
];

/** Judges one Wallet API answer; `valid` = the route's schema accepts what was sent. */
async function judgeApi(w: World, tally: Tally, label: string, input: string, answer: HttpAnswer, valid: boolean, before: string) {
  tally.tried += 1;
  const ok = answer.status >= 200 && answer.status < 300;
  const shaped = isErrorShape(answer.json);
  const example = `${input} → ${answer.status} ${show(answer.text, 60)}`;
  if (answer.status >= 500) tally.fail(`${label}: ${answer.status}${shaped ? '' : ' (not the error shape)'}`, example);
  else if (!ok && !shaped) tally.fail(`${label}: ${answer.status} not in the {error:{code,message}} shape`, example);
  else if (ok && !valid) tally.fail(`${label}: 2xx for input its schema refuses`, example);
  else if (!ok && answer.status < 400) tally.fail(`${label}: ${answer.status} (neither 2xx nor 4xx)`, example);
  if (!ok && (await checksum(w)) !== before) tally.fail(`${label}: database changed on a ${answer.status}`, input);
}

async function apiBodies(w: World, tally: Tally) {
  for (const [i, target] of BODY_TARGETS.entries()) {
    const sampleBase = target.base(w);
    const inputs = fc.sample(mutation(Object.keys(sampleBase)), { seed: SEED + i, numRuns: RUNS.body });
    for (const m of inputs) {
      const sent = applyMutation(target.base(w), m);
      const valid = sent.parses && accepts(target.schema, sent.value);
      const before = await checksum(w);
      const answer = await w.api.call(target.method ?? 'POST', target.path(w), sent.text, { headers: { 'content-type': 'application/json' } });
      await judgeApi(w, tally, target.name, show(sent.text), answer, valid, before);
    }
  }
}

const HOSTILE_IDS = [
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '%C0%AE%C0%AE',
  '%ED%A0%80',
  '%2F..%2F',
  'a%20',
  'x'.repeat(5000),
  '%F0%9F%92%B3',
  "'%20OR%201=1",
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
];
const hostileId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_IDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s).replace(/%../, (m) => m.slice(0, 2))) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)) },
);

async function apiPaths(w: World, tally: Tally) {
  const routes: { name: string; method: string; path: (id: string) => string; body?: unknown; account?: boolean; okIfEmptyList?: boolean }[] = [
    { name: 'GET cards/{id}', method: 'GET', path: (id) => `/wallets/cards/${id}` },
    { name: 'DELETE cards/{id}', method: 'DELETE', path: (id) => `/wallets/cards/${id}?balance=write_off` },
    // An unknown customer simply has no cards: an empty list is a right answer.
    { name: 'GET customers/{id}/cards', method: 'GET', path: (id) => `/wallets/customers/${id}/cards`, okIfEmptyList: true },
    { name: 'GET customers/{id}/cards/{card}', method: 'GET', path: (id) => `/wallets/customers/${id}/cards/${encodeURIComponent(w.funded.cardId)}` },
    { name: 'GET customers/{customer}/cards/{id}', method: 'GET', path: (id) => `/wallets/customers/${encodeURIComponent(w.customerId)}/cards/${id}` },
    { name: 'POST cards/{id}/activate', method: 'POST', path: (id) => `/wallets/cards/${id}/activate`, body: { amount: 1000, currency: 'NOK' } },
    {
      name: 'POST cards/{id}/rotate-pin',
      method: 'POST',
      path: (id) => `/wallets/cards/${id}/rotate-pin`,
      body: { pin: { format: { length: 4, numbers: true } } },
    },
    { name: 'GET cards/{id}/transactions', method: 'GET', path: (id) => `/wallets/cards/${id}/transactions` },
    { name: 'POST transactions/{id}/capture', method: 'POST', path: (id) => `/wallets/transactions/${id}/capture`, body: { ref_id: 'r1' } },
    { name: 'POST transactions/{id}/void', method: 'POST', path: (id) => `/wallets/transactions/${id}/void`, body: { ref_id: 'r1' } },
    { name: '{aid} of GET cards', method: 'GET', path: () => '/wallets/cards', account: true },
  ];
  for (const [i, route] of routes.entries()) {
    for (const id of fc.sample(hostileId, { seed: SEED + 100 + i, numRuns: RUNS.path })) {
      const before = await checksum(w);
      const answer = await w.api.call(route.method, route.path(id), route.body, route.account ? { accountId: id } : {});
      // No hostile id names a card, customer or transaction of the account: success is never
      // right here (but for an unknown customer's empty card list).
      const emptyList = route.okIfEmptyList === true && answer.status === 200 && Array.isArray(answer.json) && answer.json.length === 0;
      await judgeApi(w, tally, route.name, show(id), answer, emptyList, before);
    }
  }
}

const QUERY_PARTS = [
  'limit=abc',
  'limit=-1',
  'limit=0',
  'limit=1e3',
  'limit=0x10',
  'limit=1.5',
  'limit=',
  'limit[]=1',
  'limit=1&limit=2',
  'limit=%',
  'limit=%zz',
  'limit=%00',
  'starting_after=%00',
  'starting_after=%ED%A0%80',
  `starting_after=${'x'.repeat(300)}`,
  'starting_after=not-a-uuid',
  '%=%',
  '&&&',
  '==',
  'a=%E0%A4%A',
];
const hostileQuery = fc
  .array(
    fc.oneof(
      fc.constantFrom(...QUERY_PARTS),
      fc.string({ unit: 'binary', maxLength: 12 }).map((s) => `limit=${encodeURIComponent(s)}`),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.join('&'));

async function apiQueries(w: World, tally: Tally) {
  const routes = [
    { name: 'GET cards?query', path: '/wallets/cards', schema: listCardsQuerySchema },
    { name: 'GET cards/{id}/transactions?query', path: `/wallets/cards/${w.funded.cardId}/transactions`, schema: listTransactionsQuerySchema },
    { name: 'GET cards/{id}?query', path: `/wallets/cards/${w.funded.cardId}`, schema: getCardQuerySchema },
    { name: 'GET customers/{id}/cards?query', path: `/wallets/customers/${w.customerId}/cards`, schema: customerCardsQuerySchema },
    // The funded card holds money and a reservation, so even an accepted query must be refused (409).
    { name: 'DELETE cards/{id}?query', path: `/wallets/cards/${w.funded.cardId}`, schema: deleteCardQuerySchema, method: 'DELETE' },
  ];
  for (const [i, route] of routes.entries()) {
    for (const query of fc.sample(hostileQuery, { seed: SEED + 200 + i, numRuns: RUNS.query })) {
      const before = await checksum(w);
      const answer = await w.api.call(route.method ?? 'GET', `${route.path}?${query}`);
      const valid = accepts(route.schema, Object.fromEntries(new URL(`http://x/?${query}`).searchParams.entries()));
      await judgeApi(w, tally, route.name, show(query), answer, valid, before);
    }
  }
  // The token endpoint's body, with valid credentials.
  const tokenSchema = z.object({ grant_type: z.literal('client_credentials'), audience: z.string().max(500).optional() });
  for (const m of fc.sample(mutation(['grant_type', 'audience']), { seed: SEED + 300, numRuns: RUNS.query })) {
    const sent = applyMutation({ grant_type: 'client_credentials' }, m);
    const valid = sent.parses && accepts(tokenSchema, sent.value);
    const before = await checksum(w);
    const answer = await w.http.send(`/v1/accounts/${A}/auth/token`, {
      method: 'POST',
      headers: { authorization: w.api.basic(), 'content-type': 'application/json' },
      body: sent.text,
    });
    await judgeApi(w, tally, 'POST auth/token', show(sent.text), answer, valid, before);
  }
}

interface ActionTarget {
  key: string;
  kind: 'form' | 'data';
  schema: z.ZodType;
  session: (w: World) => Session;
  base: (w: World) => Record<string, string>;
  /** Pages the action may answer with a redirect on success (orderPrintRun, login). */
  redirectsOnSuccess?: boolean;
}

const ACTION_TARGETS: ActionTarget[] = [
  {
    key: 'app/login/actions.ts#loginAction',
    kind: 'form',
    schema: credentialsSchema,
    session: (w) => new Session(w.http, 'anon'),
    base: () => ({ email: 'nobody@demo.test', password: 'wrong-password', callbackUrl: '/' }),
    redirectsOnSuccess: true,
  },
  {
    key: 'app/store/actions.ts#findCardForSaleAction',
    kind: 'data',
    schema: resolveCardSchema,
    session: (w) => w.clerk,
    base: (w) => ({ code: w.inactive, storeId: '' }),
  },
  {
    key: 'app/store/actions.ts#activateAtStoreAction',
    kind: 'data',
    schema: activateAtStoreSchema,
    session: (w) => w.clerk,
    base: (w) => ({ storeId: '', cardId: w.inactive, amount: '500', customerId: '', name: '', expiry: '', receiptNumber: 'R1', requestKey: randomUUID() }),
  },
  {
    key: 'app/store/actions.ts#lookupBalanceAction',
    kind: 'data',
    schema: lookupBalanceSchema,
    session: (w) => w.clerk,
    base: (w) => ({ code: w.funded.cardId, pin: '' }),
  },
  {
    key: 'app/store/actions.ts#undoActivationAction',
    kind: 'form',
    schema: undoActivationSchema,
    session: (w) => w.clerk,
    base: (w) => ({ cardId: w.funded.cardId }),
  },
  {
    key: 'app/store/actions.ts#chooseStoreAction',
    kind: 'form',
    schema: z.object({ storeId: z.uuid() }),
    session: (w) => w.admin,
    base: (w) => ({ storeId: w.storeA }),
  },
  {
    key: 'app/hq/api-clients/actions.ts#createApiClientAction',
    kind: 'form',
    schema: createApiClientSchema,
    session: (w) => w.admin,
    base: () => ({ name: 'Hostile', clientId: `hi-${randomBytes(4).toString('hex')}`, scope: 'read:wallets' }),
  },
  {
    key: 'app/hq/api-clients/actions.ts#revokeApiClientAction',
    kind: 'form',
    schema: revokeApiClientSchema,
    session: (w) => w.admin,
    base: () => ({ apiClientId: randomUUID() }),
  },
  {
    key: 'app/hq/print-runs/actions.ts#orderPrintRunAction',
    kind: 'form',
    schema: orderPrintRunSchema,
    session: (w) => w.admin,
    base: () => ({
      quantity: '1',
      type: 'gift_card',
      idPrefix: `HI${randomBytes(3).toString('hex')}`,
      startSequence: '1',
      padWidth: '6',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    }),
    redirectsOnSuccess: true,
  },
  {
    key: 'app/hq/print-runs/actions.ts#suggestStartSequenceAction',
    kind: 'data',
    schema: z.object({ prefix: z.string().trim().max(40) }),
    session: (w) => w.admin,
    base: () => ({ prefix: 'HI' }),
  },
  {
    key: 'app/hq/settings/actions.ts#updateStorePolicyAction',
    kind: 'form',
    schema: updateStorePolicySchema,
    session: (w) => w.admin,
    base: () => ({ currency: 'NOK', denomination1: '200', minAmount: '100', maxAmount: '10000', expiryDays: '1096', timeZone: 'Europe/Oslo' }),
  },
  {
    key: 'app/hq/settings/actions.ts#updateDualControlAction',
    kind: 'form',
    schema: updateDualControlFormSchema,
    session: (w) => w.admin,
    base: () => ({ printReleaseMaxCards: '1000000', currency: 'NOK', amountThreshold: '10000', bulkExpiryNeedsApproval: 'on', reason: '' }),
  },
  {
    key: 'app/hq/approvals/actions.ts#approveApprovalAction',
    kind: 'form',
    schema: decideApprovalSchema,
    session: (w) => w.admin,
    base: () => ({ requestId: randomUUID(), note: 'hostile' }),
  },
  {
    key: 'app/hq/approvals/actions.ts#rejectApprovalAction',
    kind: 'form',
    schema: decideApprovalSchema,
    session: (w) => w.admin,
    base: () => ({ requestId: randomUUID(), note: 'hostile' }),
  },
  {
    key: 'app/hq/print-runs/[batchId]/release/actions.ts#requestReleaseApprovalAction',
    kind: 'form',
    schema: requestPrintReleaseSchema,
    session: (w) => w.admin,
    base: () => ({ batchId: randomUUID(), reason: 'hostile' }),
  },
  {
    key: 'app/hq/webhooks/actions.ts#createWebhookAction',
    kind: 'form',
    schema: createSubscriptionFormSchema,
    session: (w) => w.admin,
    // TEST-NET-1: public, never answers.
    base: () => ({ url: 'https://192.0.2.1/hostile', secret: '', event_wallet_transaction: 'on' }),
  },
  {
    key: 'app/hq/webhooks/actions.ts#deleteWebhookAction',
    kind: 'form',
    schema: subscriptionRefSchema,
    session: (w) => w.admin,
    base: () => ({ subscriptionId: randomUUID() }),
  },
  {
    key: 'app/hq/webhooks/actions.ts#pingWebhookAction',
    kind: 'form',
    schema: subscriptionRefSchema,
    session: (w) => w.admin,
    base: () => ({ subscriptionId: randomUUID() }),
  },
  {
    key: 'app/hq/webhooks/actions.ts#redeliverWebhookAction',
    kind: 'form',
    schema: deliveryRefSchema,
    session: (w) => w.admin,
    base: () => ({ subscriptionId: randomUUID(), deliveryId: randomUUID() }),
  },
  {
    key: 'app/hq/stores/actions.ts#createStoreAction',
    kind: 'form',
    schema: createStoreSchema,
    session: (w) => w.admin,
    base: () => ({ name: `Hostile ${randomBytes(3).toString('hex')}`, currency: 'NOK' }),
  },
  {
    key: 'app/hq/stores/actions.ts#setStoreDisabledAction',
    kind: 'form',
    schema: setStoreDisabledSchema,
    session: (w) => w.admin,
    base: () => ({ storeId: randomUUID(), isDisabled: 'true' }),
  },
  {
    key: 'app/hq/users/actions.ts#createUserAction',
    kind: 'form',
    schema: createUserSchema,
    session: (w) => w.admin,
    base: () => ({ email: `hi-${randomBytes(3).toString('hex')}@demo.test`, name: 'H', role: 'HQ_STAFF', storeId: '', password: 'hostile-password-1' }),
  },
  {
    key: 'app/hq/users/actions.ts#setUserDisabledAction',
    kind: 'form',
    schema: setUserDisabledSchema,
    session: (w) => w.admin,
    base: () => ({ userId: randomUUID(), isDisabled: 'true' }),
  },
  {
    key: 'app/hq/users/actions.ts#assignClerkStoreAction',
    kind: 'form',
    schema: assignClerkStoreSchema,
    session: (w) => w.admin,
    base: (w) => ({ userId: w.userId, storeId: randomUUID() }),
  },
];

const hostileField = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: hostileNumber.map(String) });

type FormMutation =
  | { kind: 'set'; key: string; value: string }
  | { kind: 'delete'; key: string }
  | { kind: 'extra'; key: string; value: string }
  | { kind: 'json'; value: unknown };

function formMutation(keys: string[], isData: boolean): fc.Arbitrary<FormMutation> {
  const key = fc.constantFrom(...keys);
  const options: fc.Arbitrary<FormMutation>[] = [
    fc.record({ kind: fc.constant('set' as const), key, value: hostileField }),
    fc.record({ kind: fc.constant('set' as const), key, value: hostileField }),
    fc.record({ kind: fc.constant('set' as const), key, value: hostileField }),
    fc.record({ kind: fc.constant('delete' as const), key }),
    fc.record({
      kind: fc.constant('extra' as const),
      key: fc.constantFrom('$ACTION_ID_x', '__proto__', 'role', 'accountId', 'isDisabled'),
      value: hostileField,
    }),
  ];
  // Data actions take any JSON the caller sends, not only strings.
  if (isData)
    options.push(
      fc.record({ kind: fc.constant('json' as const), value: hostileValue }),
      fc.record({ kind: fc.constant('set' as const), key, value: hostileValue as fc.Arbitrary<string> }),
    );
  return fc.oneof(...options);
}

async function actionForms(w: World, tally: Tally) {
  const actions = readActionIds();
  for (const [i, target] of ACTION_TARGETS.entries()) {
    const ref = actions.get(target.key);
    if (!ref) {
      tally.tried += 1;
      tally.fail(`${target.key}: not in the build's action manifest`, 'rebuild');
      continue;
    }
    const name = target.key.split('#')[1]!;
    for (const m of fc.sample(formMutation(Object.keys(target.base(w)), target.kind === 'data'), { seed: SEED + 400 + i, numRuns: RUNS.action })) {
      let input: unknown;
      if (m.kind === 'json') input = m.value;
      else {
        const fields: Record<string, unknown> = { ...target.base(w) };
        if (m.kind === 'delete') delete fields[m.key];
        else Object.defineProperty(fields, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        input = fields;
      }
      // What the action's schema will see: a FormData's entries as strings, or the JSON round trip.
      const seen =
        target.kind === 'form'
          ? Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, String(v).replace(/\r\n?/g, '\r\n')]))
          : JSON.parse(JSON.stringify([input]))[0];
      const valid = accepts(target.schema, seen);
      const before = await checksum(w);
      const session = target.session(w);
      const answer =
        target.kind === 'form'
          ? await callAction(session, ref, {
              kind: 'form',
              fields: Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
            })
          : await callAction(session, ref, { kind: 'data', input });
      tally.tried += 1;
      const example = show(input);
      const succeeded = answer.ok === true || (target.redirectsOnSuccess && !!answer.redirect);
      if (answer.status >= 500) tally.fail(`${name}: ${answer.status}`, example);
      else if (answer.status !== 200 && !answer.redirect) tally.fail(`${name}: answered ${answer.status}`, `${example} → ${show(answer.text, 60)}`);
      else if (succeeded && !valid) tally.fail(`${name}: succeeded with input its schema refuses`, example);
      else if (!succeeded && answer.ok !== false) tally.fail(`${name}: no result in the answer`, `${example} → ${show(answer.text, 60)}`);
      if (!succeeded && (await checksum(w)) !== before) tally.fail(`${name}: database changed on a refusal`, example);
    }
  }
}

export const section: Section = {
  name: 'Hostile input',
  async run(env) {
    const { w, stop } = await setup(env);
    const redact = (s: string) => s.split(w.funded.token).join('<card token>').split(w.funded.pin).join('<pin>');
    const tallies = { bodies: new Tally(redact), paths: new Tally(redact), queries: new Tally(redact), actions: new Tally(redact) };
    try {
      await apiBodies(w, tallies.bodies);
      await apiPaths(w, tallies.paths);
      await apiQueries(w, tallies.queries);
      await actionForms(w, tallies.actions);
    } finally {
      env.countRequests(w.http.requests);
      await stop();
    }
    const probe = (name: string, tally: Tally, held: string): Probe => ({
      area: 'hostile input',
      name,
      tried: tally.tried,
      held: tally.failures.size === 0,
      failures: tally.failed || undefined,
      detail: tally.detail(held),
    });
    return [
      probe(
        'Wallet API bodies',
        tallies.bodies,
        `Every generated body (wrong types, NUL, lone surrogates, huge and fractional numbers, missing and extra keys, deep nesting, malformed JSON, fast-check seed ${SEED}) to all ${BODY_TARGETS.length} body-taking operations got a 4xx in the error shape (or a 2xx only where the schema accepted it), never a 5xx, and no refusal changed the database.`,
      ),
      probe(
        'Wallet API path ids',
        tallies.paths,
        `Every malformed or hostile path id (bad percent-encoding, NUL, traversal, overlong) got a 4xx in the error shape and changed nothing.`,
      ),
      probe(
        'Wallet API query strings and token request',
        tallies.queries,
        `Every odd query string and token-request body got a 4xx in the error shape (or a 2xx the schema allows), never a 5xx, and changed nothing.`,
      ),
      probe(
        'Server action inputs',
        tallies.actions,
        `Every hostile form or data input to ${ACTION_TARGETS.length} server actions was refused with a result (never a 5xx), succeeded only where the action's schema accepted it, and no refusal changed the database.`,
      ),
    ];
  },
};
