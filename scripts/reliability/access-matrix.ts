/**
 * The access matrix: every cell of access-table.ts (page / server action / route handler /
 * Wallet API operation × principal) as a real request to the production server, judged against the
 * table's expected outcome.
 *
 * How a cell is made meaningful:
 * - Pages: GET; 200 = allow, a redirect to /login = login, to /denied = deny, to /hq or /store =
 *   home. The store's "today" page must show store A's activation to clerk A and hide it from
 *   clerk B ("own").
 * - Server actions: called directly over HTTP as the React client does (POST to a page of the
 *   action with the `Next-Action` header and the id from the build's manifest), with VALID input
 *   and a fresh target per cell, so an allowed caller must really succeed — and its effect must be
 *   in the database — while a refused caller must get a refusal (a redirect to /login or /denied
 *   from the proxy, or the action's own "session ended" / permission / not-your-store answer) and
 *   leave the database as it was.
 * - Route handlers and the Wallet API: 2xx = allow, 401 = login, 403 = deny; writes are checked
 *   in the database both ways. The API client of another account uses its token on this
 *   account's URLs (must be 403) and, for operations on one of this account's cards or
 *   transactions, on its own account's URLs too (the card must not exist there: 404).
 *
 * One probe per kind (pages, actions, routes, API): tried = cells, held = every cell as expected.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { createDbClient } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { DEMO_ACCOUNT, DEMO_API_CLIENT, DEMO_PASSWORD } from '@/prisma/seed-demo';
import { ACCESS_TABLE, entryKey, PRINCIPALS, type AccessEntry, type Outcome, type Principal } from './access-table';
import { ApiClient, callAction, Http, isErrorShape, readActionIds, Session, type ActionAnswer, type ActionRef, type HttpAnswer } from './http-kit';
import type { Probe, ReliabilityEnv, Section } from './types';

const A: string = DEMO_ACCOUNT.id;
const OTHER_ACCOUNT = 'T87654321';
const USERS = { clerkA: 'oslo@demo.test', clerkB: 'bergen@demo.test', hqStaff: 'staff@demo.test', hqAdmin: 'admin@demo.test' } as const;
type UserPrincipal = keyof typeof USERS;
const API_SCOPES: Record<string, string> = {
  'api:write:wallets': 'write:wallets',
  'api:read:wallets': 'read:wallets',
  'api:write:wallets:/transactions': 'write:wallets:/transactions',
};
const LOGIN_USER = 'matrix-login@demo.test';

const uid = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

interface World {
  http: Http;
  db: PrismaClient;
  actions: Map<string, ActionRef>;
  users: Record<UserPrincipal, Session>;
  apis: Record<string, ApiClient>;
  /** admin:wallets client of this account, for fixtures. */
  fixtures: ApiClient;
  storeA: string;
  storeB: string;
  /** A filled print run of this account (pages, CSV, progress). */
  printRun: string;
  /** Another, only for the one-time print-file release. */
  releaseRun: string;
  /** An active card with a balance: id + token. */
  funded: { cardId: string; token: string };
  /** The funded card's customer. */
  customerId: string;
  inactiveCard: string;
  /** Activated at store A by clerk A before the cells run. */
  todayCardA: string;
}

/** Who makes a cell's request: a browser session (maybe signed out) and/or an API client. */
interface Caller {
  principal: Principal;
  session: Session;
  api?: ApiClient;
  email?: string;
}

interface Observed {
  outcome: string;
  note?: string;
}

// ---------------------------------------------------------------- classification

function locationPath(answer: { headers: Headers }, fallback?: string): string | undefined {
  const raw = fallback ?? answer.headers.get('location');
  if (!raw) return undefined;
  try {
    return new URL(raw, 'http://x').pathname;
  } catch {
    return raw;
  }
}

function classifyRedirect(path: string | undefined): Outcome | undefined {
  if (path === '/login') return 'login';
  if (path === '/denied') return 'deny';
  if (path === '/hq' || path === '/store') return 'home';
  return undefined;
}

function classifyPage(answer: HttpAnswer): Observed {
  if (answer.status === 200) return { outcome: 'allow' };
  if (answer.status >= 300 && answer.status < 400) {
    const path = locationPath(answer);
    return { outcome: classifyRedirect(path) ?? `redirect to ${path}` };
  }
  return { outcome: `status ${answer.status}` };
}

function classifyHttp(answer: HttpAnswer): Observed {
  if (answer.status >= 300 && answer.status < 400) {
    const path = locationPath(answer);
    return { outcome: classifyRedirect(path) ?? `redirect to ${path}` };
  }
  if (answer.status >= 200 && answer.status < 300) return { outcome: 'allow' };
  const shape = isErrorShape(answer.json) ? '' : ' (not the {error:{code,message}} shape)';
  if (answer.status === 401) return { outcome: shape ? `401${shape}` : 'login' };
  if (answer.status === 403) return { outcome: shape ? `403${shape}` : 'deny' };
  if (answer.status === 404 && !shape && answer.headers.get('content-type')?.includes('json')) return { outcome: 'none' };
  return { outcome: `status ${answer.status}${shape}`, note: answer.text.slice(0, 160) };
}

function classifyAction(answer: ActionAnswer): Observed {
  if (answer.redirect) {
    const path = locationPath(answer, answer.redirect);
    return { outcome: classifyRedirect(path) ?? `redirect to ${path}` };
  }
  if (answer.ok === true) return { outcome: 'allow' };
  if (answer.ok === false) {
    if (answer.message === 'Your session has ended. Sign in again.') return { outcome: 'login' };
    if (answer.message === 'Please correct the highlighted fields.') return { outcome: 'invalid input', note: answer.text.slice(0, 300) };
    return { outcome: 'deny', note: answer.message };
  }
  return { outcome: `status ${answer.status}`, note: answer.text.slice(0, 160) };
}

/** Joins an outcome with whether the cell's effect happened: allowed must change, refused must not. */
function withEffect(observed: Observed, changed: boolean): Observed {
  const allowed = observed.outcome === 'allow' || observed.outcome === 'own';
  if (allowed && !changed) return { ...observed, outcome: `${observed.outcome}, but nothing changed in the database` };
  if (!allowed && changed) return { ...observed, outcome: `${observed.outcome}, but the database changed` };
  return observed;
}

// ---------------------------------------------------------------- fixtures

/** A webhook subscription made by the fixture client; its receiver (TEST-NET-1, documentation space) never answers. */
async function newSubscription(w: World): Promise<string> {
  const res = await w.fixtures.call('POST', '/hooks/subscriptions', { config: { url: HOOK_URL }, events: ['wallet_transaction'], active: false });
  if (res.status !== 201) throw new Error(`fixture subscription failed: ${res.status} ${res.text.slice(0, 200)}`);
  return (res.json as { id: string }).id;
}
const HOOK_URL = 'https://192.0.2.1/hook';
const subscriptionState = async (w: World, id: string) => {
  const s = await w.db.webhookSubscription.findUnique({ where: { id }, include: { _count: { select: { deliveries: true } } } });
  return `${s?.deletedAt?.getTime()}|${s?._count.deliveries}`;
};

/** A failed delivery of an active subscription (made inactive, so no ping is queued, then activated): redeliverable. */
async function failedDelivery(w: World): Promise<{ subscriptionId: string; deliveryId: string }> {
  const subscriptionId = await newSubscription(w);
  await w.db.webhookSubscription.update({ where: { id: subscriptionId }, data: { active: true } });
  const delivery = await w.db.webhookDelivery.create({
    data: { subscriptionId, event: 'ping', body: '{}', status: 'FAILED', attempts: 6, lastError: 'access-matrix fixture' },
  });
  return { subscriptionId, deliveryId: delivery.id };
}
const deliveryState = async (w: World, id: string) => {
  const d = await w.db.webhookDelivery.findUnique({ where: { id } });
  return `${d?.status}|${d?.nextAttemptAt.getTime()}`;
};

/** Another HQ admin of the account: the requester of the approval fixtures (so the matrix's admin may decide them). */
async function otherAdminRef(w: World): Promise<string> {
  const user = await w.db.user.create({ data: { accountId: A, email: `${uid('mx-admin')}@demo.test`, name: 'x', role: 'HQ_ADMIN', passwordHash: 'x' } });
  return `user:${user.id}`;
}

/** A pending request (by another admin) to set the dual-control settings to what they are now: approving it changes nothing else. */
async function pendingSettingsRequest(w: World): Promise<string> {
  const current = await w.db.dualControlSettings.findUnique({ where: { accountId: A } });
  const payload = {
    printReleaseMaxCards: current?.printReleaseMaxCards ?? 1000,
    amountThresholds: (current?.amountThresholds ?? { NOK: 1_000_000 }) as Record<string, number>,
    bulkExpiryNeedsApproval: current?.bulkExpiryNeedsApproval ?? true,
  };
  const request = await w.db.approvalRequest.create({
    data: {
      accountId: A,
      kind: 'dual_control_settings',
      subject: `account:${A}`,
      payload,
      reason: 'access-matrix fixture',
      requestedBy: await otherAdminRef(w),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return request.id;
}
const approvalState = async (w: World, id: string) => (await w.db.approvalRequest.findUnique({ where: { id } }))?.status ?? 'none';

async function newInactiveCard(w: World): Promise<{ cardId: string; token: string }> {
  const cardId = uid('mx-inactive');
  const res = await w.fixtures.call('POST', '/wallets/cards/batch', { cards: [{ card_id: cardId }] });
  if (res.status !== 200) throw new Error(`fixture batch failed: ${res.status} ${res.text.slice(0, 200)}`);
  const token = (res.json as { cards: { card_token: { token: { value: string } } }[] }).cards[0]!.card_token.token.value;
  return { cardId, token };
}

async function newFundedCard(w: World, amount = 100_000, customerId?: string): Promise<{ cardId: string; token: string; pin: string }> {
  const cardId = uid('mx-funded');
  const res = await w.fixtures.call('POST', '/wallets/cards', { card_id: cardId, amount, currency: 'NOK', ...(customerId ? { customer_id: customerId } : {}) });
  if (res.status !== 200) throw new Error(`fixture card failed: ${res.status} ${res.text.slice(0, 200)}`);
  const body = res.json as { card_token: { token: { value: string } }; pin: { pin: { value: string } } };
  return { cardId, token: body.card_token.token.value, pin: body.pin.pin.value };
}

async function activateAtA(w: World, cardId: string): Promise<void> {
  const res = await callAction(w.users.clerkA, action(w, 'app/store/actions.ts#activateAtStoreAction'), {
    kind: 'data',
    input: { storeId: '', cardId, amount: '500', customerId: '', name: '', expiry: '', receiptNumber: uid('R'), requestKey: randomUUID() },
  });
  if (res.ok !== true) throw new Error(`fixture activation failed: ${res.status} ${res.text.slice(0, 300)}`);
}

async function pendingDrawdown(w: World): Promise<string> {
  const res = await w.fixtures.call('POST', '/wallets/transactions', {
    ref_id: uid('mx-hold'),
    amount: 100,
    currency: 'NOK',
    token: w.funded.token,
    pending: true,
  });
  if (res.status !== 200) throw new Error(`fixture reservation failed: ${res.status} ${res.text.slice(0, 200)}`);
  return (res.json as { id: string }).id;
}

function action(w: World, key: string): ActionRef {
  const ref = w.actions.get(key);
  if (!ref) throw new Error(`No server action ${key} in .next/server/server-reference-manifest.json: rebuild.`);
  return ref;
}

async function cardState(w: World, cardId: string): Promise<string> {
  const card = await w.db.card.findFirst({ where: { accountId: A, cardId } });
  return card
    ? [
        card.status,
        card.balance,
        card.pending,
        card.pinHash,
        card.activatedStoreId,
        card.activatedAt?.toISOString(),
        card.deletedAt?.toISOString(),
        card.blockedAt?.toISOString(),
      ].join('|')
    : 'none';
}

async function waitForBatch(w: World, batchId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const batch = await w.db.batch.findUnique({ where: { id: batchId } });
    if (batch?.status === 'READY') return;
    if (batch?.status === 'FAILED') throw new Error(`print run ${batchId} failed: ${batch.failureReason}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`print run ${batchId} was not filled within 60 s (is the worker running in the server?)`);
}

const PRINT_RUN_FIELDS = (prefix: string) => ({
  quantity: '2',
  type: 'gift_card',
  idPrefix: prefix,
  startSequence: '1',
  padWidth: '6',
  pinLength: '4',
  pinNumbers: 'on',
  tokenLength: '16',
  tokenNumbers: 'on',
  manufacturer: '',
  purchaseOrder: '',
  note: '',
});

async function orderPrintRun(w: World): Promise<string> {
  const res = await callAction(w.users.hqAdmin, action(w, 'app/hq/print-runs/actions.ts#orderPrintRunAction'), {
    kind: 'form',
    fields: PRINT_RUN_FIELDS(`MX${randomBytes(3).toString('hex').toUpperCase()}`),
  });
  const id = /\/hq\/print-runs\/([0-9a-f-]{36})/.exec(res.redirect ?? '')?.[1];
  if (!id) throw new Error(`fixture print run failed: ${res.status} ${res.text.slice(0, 300)}`);
  await waitForBatch(w, id);
  return id;
}

async function setup(env: ReliabilityEnv): Promise<{ w: World; stop: () => Promise<void> }> {
  const url = await env.newDatabase('access');
  const db = createDbClient(url, { max: 3 });
  // The other account and the API clients the table names (the demo client is admin:wallets).
  await db.account.create({ data: { id: OTHER_ACCOUNT, name: 'Other Retail', defaultCurrency: 'NOK' } });
  const secretHash = await hashPassword('matrix-secret');
  for (const [principal, scope] of Object.entries(API_SCOPES)) {
    await db.apiClient.create({
      data: { accountId: A, clientId: `matrix-${scope.replace(/\W+/g, '-')}`, name: principal, secretHash, scopes: [scope], createdBy: 'reliability' },
    });
  }
  await db.apiClient.create({
    data: { accountId: OTHER_ACCOUNT, clientId: 'matrix-other', name: 'other account', secretHash, scopes: ['admin:wallets'], createdBy: 'reliability' },
  });
  await db.user.create({ data: { accountId: A, email: LOGIN_USER, name: 'Matrix Login', role: 'HQ_STAFF', passwordHash: await hashPassword(DEMO_PASSWORD) } });
  const stores = await db.store.findMany({ where: { accountId: A } });
  const storeA = stores.find((s) => s.name === 'Oslo Downtown')!.id;
  const storeB = stores.find((s) => s.name === 'Bergen Harbour')!.id;

  const server = await env.startServer(url, { logFile: `${env.workDir}/access-matrix-server.log` });
  const http = new Http(server.baseUrl);
  const users = {} as Record<UserPrincipal, Session>;
  for (const [p, email] of Object.entries(USERS)) users[p as UserPrincipal] = await new Session(http, p).signIn(email, DEMO_PASSWORD);
  const apis: Record<string, ApiClient> = {
    'api:admin:wallets': await new ApiClient(http, A, DEMO_API_CLIENT.clientId, DEMO_API_CLIENT.secret).getToken(),
    apiOtherAccount: await new ApiClient(http, OTHER_ACCOUNT, 'matrix-other', 'matrix-secret').getToken(),
  };
  for (const [principal, scope] of Object.entries(API_SCOPES)) {
    apis[principal] = await new ApiClient(http, A, `matrix-${scope.replace(/\W+/g, '-')}`, 'matrix-secret').getToken();
  }
  const w: World = {
    http,
    db,
    actions: readActionIds(),
    users,
    apis,
    fixtures: apis['api:admin:wallets']!,
    storeA,
    storeB,
    printRun: '',
    releaseRun: '',
    funded: { cardId: '', token: '' },
    customerId: uid('mx-customer'),
    inactiveCard: '',
    todayCardA: '',
  };
  w.printRun = await orderPrintRun(w);
  w.releaseRun = await orderPrintRun(w);
  w.funded = await newFundedCard(w, 5_000_000, w.customerId);
  w.inactiveCard = (await newInactiveCard(w)).cardId;
  w.todayCardA = (await newInactiveCard(w)).cardId;
  await activateAtA(w, w.todayCardA);
  return {
    w,
    stop: async () => {
      await server.stop();
      await db.$disconnect();
    },
  };
}

function callerFor(w: World, principal: Principal): Caller {
  if (principal in USERS) return { principal, session: w.users[principal as UserPrincipal], email: USERS[principal as UserPrincipal] };
  const api = w.apis[principal];
  // A bearer-token client in the browser areas: no session cookie, its Authorization header sent along.
  const session = new Session(w.http, principal);
  return { principal, session: api ? session.withHeaders({ authorization: `Bearer ${api.token}` }) : session, api };
}

/** A copy of the caller's browser (same cookies), for cells that change the session itself. */
function cloneSession(c: Caller): Session {
  return c.session.clone();
}

// ---------------------------------------------------------------- Wallet API calls

/** A Wallet API request as this caller makes it: bearer token if an API client, else cookies (or nothing). */
async function apiAs(w: World, c: Caller, method: string, path: string, body?: unknown, accountId = A): Promise<HttpAnswer> {
  if (c.api) return c.api.call(method, path, body, { accountId });
  return c.session.send(`/v1/accounts/${accountId}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * A Wallet API cell. `call` makes the request at account `accountId`'s URLs. The other account's
 * client also tries its own URLs when `crossAccount` (this account's card or transaction there must be a 404).
 */
async function apiCell(
  w: World,
  c: Caller,
  call: (accountId: string) => Promise<HttpAnswer>,
  options: { effect?: () => Promise<string>; crossAccount?: boolean } = {},
): Promise<Observed> {
  const before = await options.effect?.();
  const observed = classifyHttp(await call(A));
  if (c.principal === 'apiOtherAccount' && options.crossAccount) {
    const own = await call(OTHER_ACCOUNT);
    if (own.status !== 404 || !isErrorShape(own.json)) {
      return { outcome: `${observed.outcome}; on its own account's URLs it got ${own.status} for this account's card (not 404)`, note: own.text.slice(0, 160) };
    }
  }
  if (!options.effect) return observed;
  return withEffect(observed, (await options.effect()) !== before);
}

// ---------------------------------------------------------------- the cells

type Cell = (w: World, c: Caller) => Promise<Observed>;

const page =
  (path: (w: World) => string): Cell =>
  async (w, c) =>
    classifyPage(await c.session.send(path(w)));

/** A server action cell: fresh target, call, classify, compare the effect. */
function actionCell<T>(
  key: string,
  prepare: (w: World, c: Caller) => Promise<T>,
  call: (w: World, c: Caller, target: T) => Promise<ActionAnswer>,
  effect?: (w: World, target: T) => Promise<string>,
  judge: (observed: Observed, answer: ActionAnswer, c: Caller, target: T) => Observed = (o) => o,
): [string, Cell] {
  return [
    key,
    async (w, c) => {
      const target = await prepare(w, c);
      const before = await effect?.(w, target);
      const answer = await call(w, c, target);
      const observed = judge(classifyAction(answer), answer, c, target);
      if (!effect) return observed;
      return withEffect(observed, (await effect(w, target)) !== before);
    },
  ];
}

const form = (w: World, c: Caller, key: string, fields: Record<string, string>, session = c.session) =>
  callAction(session, action(w, key), { kind: 'form', fields });
const data = (w: World, c: Caller, key: string, input: unknown, session = c.session, page?: string) =>
  callAction(session, action(w, key), { kind: 'data', input }, { page });
const none = async () => undefined;

/* The card page's controls (issue 12) and their API extensions: each cell on a fresh card, its effect the card's state. */
const CTL = 'app/hq/cards/[cardId]/actions.ts';
const ctlNote = { note: 'access matrix', request_key: '' };
const ctlKey = () => ({ ...ctlNote, request_key: uid('mx-key') });

async function newDrawdown(w: World, cardId: string, amount = 300): Promise<string> {
  const res = await w.fixtures.call('POST', '/wallets/transactions', { ref_id: uid('mx-dd'), card_id: cardId, type: 'drawdown', amount, currency: 'NOK' });
  if (res.status !== 200 && res.status !== 201) throw new Error(`fixture drawdown failed: ${res.status} ${res.text.slice(0, 200)}`);
  return (res.json as { id: string }).id;
}
async function cardExpiry(w: World, cardId: string): Promise<string> {
  return String((await w.db.card.findFirst({ where: { accountId: A, cardId } }))?.expiresAt?.toISOString());
}
const inAYear = () => new Date(Date.now() + 366 * 86_400_000 + Math.floor(Math.random() * 1e6) * 1000);

function controlCells(): [string, Cell][] {
  return [
    actionCell(
      `${CTL}#adjustCardAction`,
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) => form(w, c, `${CTL}#adjustCardAction`, { cardId, currency: 'NOK', direction: 'credit', amount: '1', reason: 'goodwill', ...ctlKey() }),
      (w, cardId) => cardState(w, cardId),
    ),
    actionCell(
      `${CTL}#refundCardAction`,
      async (w) => {
        const { cardId } = await newFundedCard(w, 1000);
        return { cardId, transactionId: await newDrawdown(w, cardId) };
      },
      (w, c, t) =>
        form(w, c, `${CTL}#refundCardAction`, {
          cardId: t.cardId,
          currency: 'NOK',
          transaction_id: t.transactionId,
          amount: '1',
          reason: 'double_charge',
          ...ctlKey(),
        }),
      (w, t) => cardState(w, t.cardId),
    ),
    actionCell(
      `${CTL}#replaceCardAction`,
      async (w) => ({ cardId: (await newFundedCard(w, 1000)).cardId, newCardId: (await newInactiveCard(w)).cardId }),
      (w, c, t) => form(w, c, `${CTL}#replaceCardAction`, { cardId: t.cardId, new_card_id: t.newCardId, reason: 'damaged', ...ctlKey() }),
      (w, t) => cardState(w, t.cardId),
    ),
    actionCell(
      `${CTL}#changeExpiryAction`,
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) => form(w, c, `${CTL}#changeExpiryAction`, { cardId, expires_on: inAYear().toISOString().slice(0, 10), reason: 'goodwill', ...ctlKey() }),
      (w, cardId) => cardExpiry(w, cardId),
    ),
    actionCell(
      `${CTL}#bulkExpiryAction`,
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) =>
        form(w, c, `${CTL}#bulkExpiryAction`, {
          scope: 'list',
          card_ids: cardId,
          expires_on: inAYear().toISOString().slice(0, 10),
          reason: 'goodwill',
          ...ctlKey(),
        }),
      // Its effect: the queued job, or (four-eyes on bulk changes, the default) the request waiting for a second admin.
      async (w, cardId) =>
        `${await w.db.job.count({ where: { type: 'cards.bulk_expiry', payload: { path: ['cardIds'], array_contains: [cardId] } } })}/` +
        `${await w.db.approvalRequest.count({ where: { kind: 'bulk_expiry', payload: { path: ['card_ids'], array_contains: [cardId] } } })}`,
    ),
    actionCell(
      `${CTL}#deactivateCardAction`,
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) => form(w, c, `${CTL}#deactivateCardAction`, { cardId, reason: 'fraud', ...ctlKey() }),
      (w, cardId) => cardState(w, cardId),
    ),
    actionCell(
      `${CTL}#rotatePinAction`,
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) => form(w, c, `${CTL}#rotatePinAction`, { cardId, reason: 'scratched_pin', ...ctlKey() }),
      (w, cardId) => cardState(w, cardId),
    ),
  ];
}

function controlApiCells(): Record<string, Cell> {
  const path = (cardId: string, control: string) => `/cardstock/cards/${encodeURIComponent(cardId)}/${control}`;
  const cell =
    (control: string, prepare: (w: World) => Promise<{ cardId: string; body: Record<string, unknown> }>, effect = cardState): Cell =>
    async (w, c) => {
      const { cardId, body } = await prepare(w);
      return apiCell(w, c, (aid) => apiAs(w, c, 'POST', path(cardId, control), { ...body, note: 'access matrix', request_key: uid('mx-key') }, aid), {
        effect: () => effect(w, cardId),
        crossAccount: true,
      });
    };
  const C_ = 'app/api/v1/accounts/[aid]/cardstock/cards/[cardId]';
  return {
    [`${C_}/adjust/route.ts POST`]: cell('adjust', async (w) => ({
      cardId: (await newFundedCard(w, 1000)).cardId,
      body: { amount: 1, currency: 'NOK', reason: 'goodwill' },
    })),
    [`${C_}/refund/route.ts POST`]: cell('refund', async (w) => {
      const { cardId } = await newFundedCard(w, 1000);
      return { cardId, body: { transaction_id: await newDrawdown(w, cardId), amount: 1, reason: 'double_charge' } };
    }),
    [`${C_}/replace/route.ts POST`]: cell('replace', async (w) => ({
      cardId: (await newFundedCard(w, 1000)).cardId,
      body: { new_card_id: (await newInactiveCard(w)).cardId, reason: 'damaged' },
    })),
    [`${C_}/expiry/route.ts POST`]: cell(
      'expiry',
      async (w) => ({ cardId: (await newFundedCard(w, 1000)).cardId, body: { expires_at: inAYear().toISOString(), reason: 'goodwill' } }),
      cardExpiry,
    ),
    [`${C_}/deactivate/route.ts POST`]: cell('deactivate', async (w) => ({ cardId: (await newFundedCard(w, 1000)).cardId, body: { reason: 'fraud' } })),
  };
}

const CELLS: Record<string, Cell> = {
  // Pages
  'app/page.tsx': page(() => '/'),
  'app/login/page.tsx': page(() => '/login'),
  'app/denied/page.tsx': page(() => '/denied'),
  'app/hq/page.tsx': page(() => '/hq'),
  'app/hq/api-clients/page.tsx': page(() => '/hq/api-clients'),
  'app/hq/approvals/page.tsx': page(() => '/hq/approvals'),
  'app/hq/audit/page.tsx': page(() => '/hq/audit'),
  'app/hq/cards/page.tsx': page(() => '/hq/cards'),
  'app/hq/print-runs/page.tsx': page(() => '/hq/print-runs'),
  'app/hq/print-runs/new/page.tsx': page(() => '/hq/print-runs/new'),
  'app/hq/print-runs/[batchId]/page.tsx': page((w) => `/hq/print-runs/${w.printRun}`),
  'app/hq/print-runs/[batchId]/release/page.tsx': page((w) => `/hq/print-runs/${w.printRun}/release`),
  'app/hq/settings/page.tsx': page(() => '/hq/settings'),
  'app/hq/reports/page.tsx': page(() => '/hq/reports'),
  'app/hq/reports/liability/page.tsx': page(() => '/hq/reports/liability'),
  'app/hq/reports/aging/page.tsx': page(() => '/hq/reports/aging'),
  'app/hq/reports/movements/page.tsx': page(() => '/hq/reports/movements'),
  'app/hq/reports/breakage/page.tsx': page(() => '/hq/reports/breakage'),
  'app/hq/reports/stores/page.tsx': page(() => '/hq/reports/stores'),
  'app/hq/reports/accounting/page.tsx': page(() => '/hq/reports/accounting'),
  'app/hq/stores/page.tsx': page(() => '/hq/stores'),
  'app/hq/cards/[cardId]/page.tsx': page((w) => `/hq/cards/${encodeURIComponent(w.funded.cardId)}`),
  'app/hq/users/page.tsx': page(() => '/hq/users'),
  'app/hq/webhooks/page.tsx': page(() => '/hq/webhooks'),
  'app/hq/webhooks/[subscriptionId]/page.tsx': async (w, c) => classifyPage(await c.session.send(`/hq/webhooks/${await newSubscription(w)}`)),
  'app/store/page.tsx': page(() => '/store'),
  'app/store/balance/page.tsx': page(() => '/store/balance'),
  'app/hq/profile/page.tsx': page(() => '/hq/profile'),
  'app/store/profile/page.tsx': page(() => '/store/profile'),
  'app/store/today/page.tsx': async (w, c) => {
    const answer = await c.session.send('/store/today');
    const observed = classifyPage(answer);
    if (observed.outcome !== 'allow') return observed;
    const shows = answer.text.includes(w.todayCardA);
    if (c.principal === 'clerkA') return shows ? observed : { outcome: "allow, but store A's own activation is missing" };
    if (c.principal === 'clerkB') return shows ? { outcome: "allow, and it SHOWS store A's activation" } : { outcome: 'own' };
    return observed;
  },

  // Server actions
  ...Object.fromEntries([
    actionCell(
      'app/_actions/sign-out.ts#signOutAction',
      async (w, c) => (c.email ? await new Session(w.http, `${c.principal}-fresh`).signIn(c.email, DEMO_PASSWORD) : c.session.clone()),
      (w, c, session) => data(w, c, 'app/_actions/sign-out.ts#signOutAction', null, session, '/store'),
      undefined,
      (observed, answer) => (observed.outcome === 'login' && /signedOut=1/.test(answer.redirect ?? '') ? { outcome: 'allow' } : observed),
    ),
    actionCell(
      'app/_actions/set-locale.ts#setLocaleAction',
      // The other language than the caller's current one, so an allowed call changes something.
      async (w, c) => {
        const user = c.email ? await w.db.user.findUnique({ where: { email: c.email } }) : null;
        return { email: c.email, locale: user?.locale === 'nb' ? 'en' : 'nb' };
      },
      // Posted from the caller's own profile page (a clerk posting from an HQ page is redirected away).
      (w, c, t) =>
        callAction(
          c.session,
          action(w, 'app/_actions/set-locale.ts#setLocaleAction'),
          { kind: 'form', fields: { locale: t.locale } },
          {
            page: c.principal.startsWith('clerk') ? '/store/profile' : '/hq/profile',
          },
        ),
      async (w, t) => (t.email ? String((await w.db.user.findUnique({ where: { email: t.email } }))?.locale) : 'nobody'),
    ),
    actionCell(
      'app/login/actions.ts#loginAction',
      async (_w, c) => cloneSession(c),
      (w, c, session) => form(w, c, 'app/login/actions.ts#loginAction', { email: LOGIN_USER, password: DEMO_PASSWORD, callbackUrl: '/' }, session),
      undefined,
      (observed, answer, _c, session) => {
        const signedIn = answer.headers.getSetCookie().some((line) => /session-token=[^;]+/.test(line)) && session.cookie().includes('session-token');
        if (answer.redirect && signedIn) return { outcome: 'allow' };
        return { outcome: observed.outcome === 'allow' ? 'no session cookie set' : observed.outcome, note: observed.note };
      },
    ),
    actionCell('app/store/actions.ts#findCardForSaleAction', none, (w, c) =>
      data(w, c, 'app/store/actions.ts#findCardForSaleAction', { code: w.inactiveCard, storeId: w.storeA }),
    ),
    actionCell(
      'app/store/actions.ts#activateAtStoreAction',
      async (w) => (await newInactiveCard(w)).cardId,
      (w, c, cardId) =>
        data(w, c, 'app/store/actions.ts#activateAtStoreAction', {
          storeId: w.storeA,
          cardId,
          amount: '500',
          customerId: '',
          name: '',
          expiry: '',
          receiptNumber: uid('R'),
          requestKey: randomUUID(),
        }),
      (w, cardId) => cardState(w, cardId),
    ),
    actionCell(
      'app/store/actions.ts#lookupBalanceAction',
      none,
      (w, c) => data(w, c, 'app/store/actions.ts#lookupBalanceAction', { code: w.funded.token, pin: '' }),
      undefined,
      (observed, answer) =>
        observed.outcome === 'allow' && !answer.text.includes('"kind":"found"') ? { outcome: 'allow, but no balance in the answer' } : observed,
    ),
    actionCell(
      'app/store/actions.ts#undoActivationAction',
      async (w) => {
        const { cardId } = await newInactiveCard(w);
        await activateAtA(w, cardId);
        return cardId;
      },
      (w, c, cardId) => form(w, c, 'app/store/actions.ts#undoActivationAction', { cardId }),
      (w, cardId) => cardState(w, cardId),
    ),
    actionCell(
      'app/store/actions.ts#blockAtCounterAction',
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) => form(w, c, 'app/store/actions.ts#blockAtCounterAction', { cardId, reason: 'lost', note: '' }),
      (w, cardId) => cardState(w, cardId),
    ),
    actionCell(
      'app/store/actions.ts#chooseStoreAction',
      async (_w, c) => cloneSession(c),
      (w, c, session) => form(w, c, 'app/store/actions.ts#chooseStoreAction', { storeId: w.storeA }, session),
      undefined,
      (observed, answer) => {
        const cookieSet = answer.headers.getSetCookie().some((line) => line.startsWith('cardstock_counter_store='));
        if (observed.outcome === 'allow' && !cookieSet) return { outcome: 'allow, but no store cookie set' };
        if (observed.outcome !== 'allow' && cookieSet) return { outcome: `${observed.outcome}, but the store cookie was set` };
        return observed;
      },
    ),
    actionCell(
      'app/hq/api-clients/actions.ts#createApiClientAction',
      async () => uid('mx-client'),
      (w, c, clientId) => form(w, c, 'app/hq/api-clients/actions.ts#createApiClientAction', { name: 'Matrix client', clientId, scope: 'read:wallets' }),
      async (w, clientId) => String(await w.db.apiClient.count({ where: { clientId } })),
    ),
    actionCell(
      'app/hq/api-clients/actions.ts#revokeApiClientAction',
      async (w) =>
        (
          await w.db.apiClient.create({
            data: { accountId: A, clientId: uid('mx-revoke'), secretHash: 'x', scopes: ['read:wallets'], createdBy: 'reliability' },
          })
        ).id,
      (w, c, apiClientId) => form(w, c, 'app/hq/api-clients/actions.ts#revokeApiClientAction', { apiClientId }),
      async (w, id) => String((await w.db.apiClient.findUnique({ where: { id } }))?.revokedAt),
    ),
    actionCell(
      'app/hq/print-runs/actions.ts#orderPrintRunAction',
      none,
      (w, c) => form(w, c, 'app/hq/print-runs/actions.ts#orderPrintRunAction', PRINT_RUN_FIELDS(`MX${randomBytes(3).toString('hex').toUpperCase()}`)),
      async (w) => String(await w.db.batch.count({ where: { accountId: A } })),
      (observed) => (/^redirect to \/hq\/print-runs\/[0-9a-f-]{36}$/.test(observed.outcome) ? { outcome: 'allow' } : observed),
    ),
    actionCell('app/hq/print-runs/actions.ts#suggestStartSequenceAction', none, (w, c) =>
      data(w, c, 'app/hq/print-runs/actions.ts#suggestStartSequenceAction', { prefix: 'MX' }),
    ),
    actionCell(
      'app/hq/print-runs/[batchId]/release/actions.ts#confirmReleaseAction',
      // A fresh run, downloaded by the HQ admin: only the confirmation with its checksum is left.
      async (w) => {
        const batchId = await orderPrintRun(w);
        const download = await w.users.hqAdmin.send(`/hq/print-runs/${batchId}/release/print-file`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: w.http.baseUrl },
          body: new URLSearchParams({ password: DEMO_PASSWORD, format: 'csv' }),
        });
        if (download.status !== 200) throw new Error(`fixture download failed: ${download.status}`);
        return { batchId, sha256: createHash('sha256').update(Buffer.from(download.text, 'utf8')).digest('hex') };
      },
      (w, c, t) =>
        form(w, c, 'app/hq/print-runs/[batchId]/release/actions.ts#confirmReleaseAction', { batchId: t.batchId, password: DEMO_PASSWORD, sha256: t.sha256 }),
      async (w, t) => (await w.db.batch.findUniqueOrThrow({ where: { id: t.batchId } })).secretsState,
    ),
    actionCell(
      'app/hq/print-runs/[batchId]/release/actions.ts#requestReleaseApprovalAction',
      // A run above the account's threshold (a row only: asking needs no cards), ordered by another admin.
      async (w) => {
        const settings = await w.db.dualControlSettings.findUnique({ where: { accountId: A } });
        const batch = await w.db.batch.create({
          data: { accountId: A, quantity: (settings?.printReleaseMaxCards ?? 1000) + 1, status: 'READY', createdBy: await otherAdminRef(w) },
        });
        return batch.id;
      },
      (w, c, batchId) => form(w, c, 'app/hq/print-runs/[batchId]/release/actions.ts#requestReleaseApprovalAction', { batchId, reason: 'access matrix' }),
      async (w, batchId) => String(await w.db.approvalRequest.count({ where: { accountId: A, subject: `batch:${batchId}` } })),
    ),
    actionCell(
      'app/hq/approvals/actions.ts#approveApprovalAction',
      (w) => pendingSettingsRequest(w),
      (w, c, requestId) => form(w, c, 'app/hq/approvals/actions.ts#approveApprovalAction', { requestId, note: 'access matrix' }),
      (w, id) => approvalState(w, id),
    ),
    actionCell(
      'app/hq/approvals/actions.ts#rejectApprovalAction',
      (w) => pendingSettingsRequest(w),
      (w, c, requestId) => form(w, c, 'app/hq/approvals/actions.ts#rejectApprovalAction', { requestId, note: 'access matrix' }),
      (w, id) => approvalState(w, id),
    ),
    actionCell(
      'app/hq/settings/actions.ts#updateDualControlAction',
      // One minor unit stricter each time: applies at once, and leaves the print-release threshold alone.
      async (w) => {
        const current = await w.db.dualControlSettings.findUnique({ where: { accountId: A } });
        const nok = ((current?.amountThresholds ?? {}) as Record<string, number>).NOK ?? 1_000_000;
        const next = nok - 1;
        return { cards: String(current?.printReleaseMaxCards ?? 1000), amount: `${Math.floor(next / 100)}.${String(next % 100).padStart(2, '0')}` };
      },
      (w, c, t) =>
        form(w, c, 'app/hq/settings/actions.ts#updateDualControlAction', {
          printReleaseMaxCards: t.cards,
          currency: 'NOK',
          amountThreshold: t.amount,
          bulkExpiryNeedsApproval: 'on',
          reason: '',
        }),
      async (w) => JSON.stringify((await w.db.dualControlSettings.findUnique({ where: { accountId: A } }))?.amountThresholds),
    ),
    actionCell(
      'app/hq/settings/actions.ts#setDefaultLocaleAction',
      // The language it already has (other cells read pages in it): the audit row is the effect.
      async (w) => (await w.db.account.findUniqueOrThrow({ where: { id: A } })).defaultLocale,
      (w, c, locale) => form(w, c, 'app/hq/settings/actions.ts#setDefaultLocaleAction', { locale }),
      async (w) => String(await w.db.auditEvent.count({ where: { accountId: A, action: 'account.default_locale_update' } })),
    ),
    actionCell(
      'app/hq/settings/actions.ts#updateStorePolicyAction',
      async (w) => {
        const account = await w.db.account.findUniqueOrThrow({ where: { id: A }, include: { walletSettings: true } });
        return { days: ((account.walletSettings?.defaultCardExpiresInDays ?? 1096) % 3000) + 1, timeZone: account.timeZone };
      },
      (w, c, t) =>
        form(w, c, 'app/hq/settings/actions.ts#updateStorePolicyAction', {
          currency: 'NOK',
          denomination1: '200',
          denomination2: '500',
          denomination3: '1000',
          minAmount: '100',
          maxAmount: '10000',
          expiryDays: String(t.days),
          timeZone: t.timeZone,
        }),
      async (w) => String((await w.db.walletSettings.findUnique({ where: { accountId: A } }))?.defaultCardExpiresInDays),
    ),
    actionCell(
      'app/hq/reports/accounting/actions.ts#updateAccountMappingAction',
      async () => `MX${Math.floor(Math.random() * 1e6)}`,
      (w, c, code) =>
        form(w, c, 'app/hq/reports/accounting/actions.ts#updateAccountMappingAction', {
          liability: '2901',
          sale: '1900',
          reversal: '1900',
          redemption: '1580',
          refund: '1900',
          adjustment: code,
          transfer_in: '2901',
          transfer_out: '2901',
          expiry: '3900',
          write_off: '3900',
        }),
      async (w) => String((await w.db.accountingAccount.findUnique({ where: { accountId_category: { accountId: A, category: 'adjustment' } } }))?.ledgerCode),
    ),
    actionCell(
      'app/hq/reports/accounting/actions.ts#closePeriodAction',
      // A month long over and not closed yet: each allowed call closes one.
      async (w) => {
        for (;;) {
          const month = `${1990 + Math.floor(Math.random() * 30)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
          if (!(await w.db.accountingPeriod.findUnique({ where: { accountId_month: { accountId: A, month } } }))) return month;
        }
      },
      (w, c, month) => form(w, c, 'app/hq/reports/accounting/actions.ts#closePeriodAction', { month }),
      async (w, month) => String(await w.db.accountingPeriod.count({ where: { accountId: A, month } })),
    ),
    actionCell(
      'app/hq/stores/actions.ts#createStoreAction',
      async () => uid('Matrix store'),
      (w, c, name) => form(w, c, 'app/hq/stores/actions.ts#createStoreAction', { name, currency: 'NOK' }),
      async (w, name) => String(await w.db.store.count({ where: { accountId: A, name } })),
    ),
    actionCell(
      'app/hq/stores/actions.ts#setStoreDisabledAction',
      async (w) => (await w.db.store.create({ data: { accountId: A, name: uid('Matrix disable'), currency: 'NOK' } })).id,
      (w, c, storeId) => form(w, c, 'app/hq/stores/actions.ts#setStoreDisabledAction', { storeId, isDisabled: 'true' }),
      async (w, id) => String((await w.db.store.findUniqueOrThrow({ where: { id } })).isDisabled),
    ),
    actionCell(
      'app/hq/stores/actions.ts#setStoreLocaleAction',
      async (w) => (await w.db.store.create({ data: { accountId: A, name: uid('Matrix locale'), currency: 'NOK' } })).id,
      (w, c, storeId) => form(w, c, 'app/hq/stores/actions.ts#setStoreLocaleAction', { storeId, locale: 'nb' }),
      async (w, id) => String((await w.db.store.findUniqueOrThrow({ where: { id } })).locale),
    ),
    actionCell('app/hq/cards/actions.ts#searchCardsAction', none, (w, c) =>
      form(w, c, 'app/hq/cards/actions.ts#searchCardsAction', { q: w.funded.cardId, status: '' }),
    ),
    actionCell(
      'app/hq/cards/actions.ts#blockCardAction',
      async (w) => (await newFundedCard(w, 1000)).cardId,
      (w, c, cardId) => form(w, c, 'app/hq/cards/actions.ts#blockCardAction', { cardId, reason: 'lost', note: '' }),
      (w, cardId) => cardState(w, cardId),
    ),
    actionCell(
      'app/hq/cards/actions.ts#unblockCardAction',
      async (w) => {
        const { cardId } = await newFundedCard(w, 1000);
        await w.db.card.updateMany({ where: { accountId: A, cardId }, data: { blockedAt: new Date(), blockedReason: 'lost', blockedBy: 'access-matrix' } });
        return cardId;
      },
      (w, c, cardId) => form(w, c, 'app/hq/cards/actions.ts#unblockCardAction', { cardId, note: '' }),
      (w, cardId) => cardState(w, cardId),
    ),
    ...controlCells(),
    actionCell(
      'app/hq/users/actions.ts#createUserAction',
      async () => `${uid('mx-user')}@demo.test`,
      (w, c, email) =>
        form(w, c, 'app/hq/users/actions.ts#createUserAction', { email, name: 'Matrix User', role: 'HQ_STAFF', storeId: '', password: 'matrix-password-123' }),
      async (w, email) => String(await w.db.user.count({ where: { email } })),
    ),
    actionCell(
      'app/hq/users/actions.ts#setUserDisabledAction',
      async (w) =>
        (await w.db.user.create({ data: { accountId: A, email: `${uid('mx-disable')}@demo.test`, name: 'x', role: 'HQ_STAFF', passwordHash: 'x' } })).id,
      (w, c, userId) => form(w, c, 'app/hq/users/actions.ts#setUserDisabledAction', { userId, isDisabled: 'true' }),
      async (w, id) => String((await w.db.user.findUniqueOrThrow({ where: { id } })).isDisabled),
    ),
    actionCell(
      'app/hq/users/actions.ts#assignClerkStoreAction',
      async (w) =>
        (
          await w.db.user.create({
            data: { accountId: A, email: `${uid('mx-clerk')}@demo.test`, name: 'x', role: 'CLERK', storeId: w.storeA, passwordHash: 'x' },
          })
        ).id,
      (w, c, userId) => form(w, c, 'app/hq/users/actions.ts#assignClerkStoreAction', { userId, storeId: w.storeB }),
      async (w, id) => String((await w.db.user.findUniqueOrThrow({ where: { id } })).storeId),
    ),
    actionCell(
      'app/hq/webhooks/actions.ts#createWebhookAction',
      async () => `${HOOK_URL}?mx=${uid('hook')}`,
      (w, c, url) => form(w, c, 'app/hq/webhooks/actions.ts#createWebhookAction', { url, secret: '', event_wallet_transaction: 'on' }),
      async (w, url) => String(await w.db.webhookSubscription.count({ where: { accountId: A, url } })),
    ),
    actionCell(
      'app/hq/webhooks/actions.ts#deleteWebhookAction',
      (w) => newSubscription(w),
      (w, c, subscriptionId) => form(w, c, 'app/hq/webhooks/actions.ts#deleteWebhookAction', { subscriptionId }),
      (w, id) => subscriptionState(w, id),
    ),
    actionCell(
      'app/hq/webhooks/actions.ts#pingWebhookAction',
      (w) => newSubscription(w),
      (w, c, subscriptionId) => form(w, c, 'app/hq/webhooks/actions.ts#pingWebhookAction', { subscriptionId }),
      (w, id) => subscriptionState(w, id),
    ),
    actionCell(
      'app/hq/webhooks/actions.ts#redeliverWebhookAction',
      (w) => failedDelivery(w),
      (w, c, t) => form(w, c, 'app/hq/webhooks/actions.ts#redeliverWebhookAction', t),
      (w, t) => deliveryState(w, t.deliveryId),
    ),
  ]),

  // Route handlers
  'app/api/auth/[...nextauth]/route.ts GET': async (_w, c) => {
    const answer = await c.session.send('/api/auth/session');
    const observed = classifyHttp(answer);
    const email = (answer.json as { user?: { email?: string } } | null)?.user?.email;
    if (observed.outcome === 'allow' && email !== c.email)
      return { outcome: `allow, but the session says ${email ?? 'nobody'} (expected ${c.email ?? 'nobody'})` };
    return observed;
  },
  'app/api/auth/[...nextauth]/route.ts POST': async (_w, c) => {
    const session = cloneSession(c);
    const csrf = await session.send('/api/auth/csrf');
    const { csrfToken } = csrf.json as { csrfToken: string };
    const answer = await session.send('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email: LOGIN_USER, password: DEMO_PASSWORD }),
    });
    const signedIn = answer.headers.getSetCookie().some((line) => /session-token=[^;]+/.test(line));
    return signedIn ? { outcome: 'allow' } : { outcome: `status ${answer.status}, no session`, note: answer.headers.get('location') ?? '' };
  },
  'app/api/v1/openapi.json/route.ts GET': async (_w, c) => classifyHttp(await c.session.send('/v1/openapi.json')),
  'app/healthz/route.ts GET': async (_w, c) => classifyHttp(await c.session.send('/healthz')),
  'app/readyz/route.ts GET': async (_w, c) => classifyHttp(await c.session.send('/readyz')),
  ...Object.fromEntries(
    ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => [
      `app/api/v1/[[...rest]]/route.ts ${method}`,
      async (_w: World, c: Caller) => {
        const answer =
          method === 'HEAD'
            ? await c.session.send(`/v1/accounts/${A}/wallets/no-such-endpoint`, { method })
            : await apiAs(_w, c, method, '/wallets/no-such-endpoint');
        // HEAD has no body to carry the error shape: its 404 and JSON content type must do.
        if (method === 'HEAD') return answer.status === 404 ? { outcome: 'none' } : classifyHttp(answer);
        return classifyHttp(answer);
      },
    ]),
  ),
  'app/hq/audit/events.csv/route.ts GET': async (_w, c) => {
    const answer = await c.session.send('/hq/audit/events.csv?action=auth.login');
    const observed = classifyHttp(answer);
    return observed.outcome === 'allow' && !answer.text.startsWith('time,actor_type,actor_id') ? { outcome: 'allow, but not the audit CSV' } : observed;
  },
  'app/hq/print-runs/[batchId]/cards.csv/route.ts GET': async (w, c) => {
    const answer = await c.session.send(`/hq/print-runs/${w.printRun}/cards.csv`);
    const observed = classifyHttp(answer);
    return observed.outcome === 'allow' && !answer.text.includes('MX') ? { outcome: 'allow, but no cards in the CSV' } : observed;
  },
  'app/hq/reports/download/[report]/route.ts GET': async (_w, c) => {
    const answer = await c.session.send('/hq/reports/download/liability?format=csv');
    const observed = classifyHttp(answer);
    return observed.outcome === 'allow' && !answer.text.includes('Total per currency') ? { outcome: 'allow, but not the liability CSV' } : observed;
  },
  'app/hq/reports/accounting/journal.csv/route.ts GET': async (_w, c) => {
    const answer = await c.session.send('/hq/reports/accounting/journal.csv?month=2020-01');
    const observed = classifyHttp(answer);
    return observed.outcome === 'allow' && !answer.text.startsWith('date,account,debit,credit') ? { outcome: 'allow, but not a journal' } : observed;
  },
  'app/hq/expiry-jobs/[jobId]/route.ts GET': async (w, c) => {
    const job = await w.db.job.create({
      data: {
        type: 'cards.bulk_expiry',
        status: 'DONE',
        payload: { accountId: A, total: 0, done: 0, changed: 0, expiresAt: new Date().toISOString(), finished: true },
      },
    });
    return classifyHttp(await c.session.send(`/hq/expiry-jobs/${job.id}`));
  },
  'app/hq/print-runs/[batchId]/progress/route.ts GET': async (w, c) => classifyHttp(await c.session.send(`/hq/print-runs/${w.printRun}/progress`)),
  'app/hq/print-runs/[batchId]/release/print-file/route.ts POST': async (w, c) => {
    const state = async () => {
      const b = await w.db.batch.findUniqueOrThrow({ where: { id: w.releaseRun } });
      // A download is recorded (who, when, checksum); the secrets go only at the confirmation.
      return `${b.secretsState}|${b.printFileDownloadedBy}|${b.printFileDownloadedAt?.getTime()}`;
    };
    const before = await state();
    const answer = await c.session.send(`/hq/print-runs/${w.releaseRun}/release/print-file`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', origin: w.http.baseUrl },
      body: new URLSearchParams({ password: DEMO_PASSWORD, format: 'csv' }),
    });
    return withEffect(classifyHttp(answer), (await state()) !== before);
  },

  // Wallet API
  'app/api/v1/accounts/[aid]/auth/token/route.ts POST': async (w, c) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (c.api) headers.authorization = c.api.basic();
    return classifyHttp(
      await c.session.send(`/v1/accounts/${A}/auth/token`, { method: 'POST', headers, body: JSON.stringify({ grant_type: 'client_credentials' }) }),
    );
  },
  'app/api/v1/accounts/[aid]/wallets/cards/route.ts GET': (w, c) => apiCell(w, c, (aid) => apiAs(w, c, 'GET', '/wallets/cards?limit=5', undefined, aid)),
  'app/api/v1/accounts/[aid]/wallets/cards/route.ts POST': async (w, c) => {
    const cardId = uid('mx-api-card');
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', '/wallets/cards', { card_id: cardId, amount: 1000, currency: 'NOK' }, aid), {
      effect: () => cardState(w, cardId),
    });
  },
  'app/api/v1/accounts/[aid]/wallets/cards/batch/route.ts POST': async (w, c) => {
    const cardId = uid('mx-api-batch');
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', '/wallets/cards/batch', { cards: [{ card_id: cardId }] }, aid), { effect: () => cardState(w, cardId) });
  },
  'app/api/v1/accounts/[aid]/wallets/cards/[cardId]/route.ts GET': (w, c) =>
    apiCell(w, c, (aid) => apiAs(w, c, 'GET', `/wallets/cards/${encodeURIComponent(w.funded.cardId)}`, undefined, aid), { crossAccount: true }),
  'app/api/v1/accounts/[aid]/wallets/cards/[cardId]/route.ts DELETE': async (w, c) => {
    const { cardId } = await newInactiveCard(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'DELETE', `/wallets/cards/${encodeURIComponent(cardId)}`, undefined, aid), {
      effect: () => cardState(w, cardId),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/wallets/customers/[customerId]/cards/route.ts GET': (w, c) =>
    apiCell(w, c, (aid) => apiAs(w, c, 'GET', `/wallets/customers/${encodeURIComponent(w.customerId)}/cards`, undefined, aid)),
  'app/api/v1/accounts/[aid]/wallets/customers/[customerId]/cards/[cardId]/route.ts GET': (w, c) =>
    apiCell(
      w,
      c,
      (aid) => apiAs(w, c, 'GET', `/wallets/customers/${encodeURIComponent(w.customerId)}/cards/${encodeURIComponent(w.funded.cardId)}`, undefined, aid),
      { crossAccount: true },
    ),
  'app/api/v1/accounts/[aid]/hooks/subscriptions/route.ts POST': async (w, c) => {
    const count = async () => String(await w.db.webhookSubscription.count({ where: { accountId: A } }));
    return apiCell(
      w,
      c,
      (aid) => apiAs(w, c, 'POST', '/hooks/subscriptions', { config: { url: HOOK_URL }, events: ['wallet_transaction'], active: false }, aid),
      { effect: count },
    );
  },
  'app/api/v1/accounts/[aid]/hooks/subscriptions/route.ts GET': (w, c) => apiCell(w, c, (aid) => apiAs(w, c, 'GET', '/hooks/subscriptions', undefined, aid)),
  'app/api/v1/accounts/[aid]/hooks/subscriptions/[hid]/route.ts GET': async (w, c) => {
    const id = await newSubscription(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'GET', `/hooks/subscriptions/${id}`, undefined, aid), { crossAccount: true });
  },
  'app/api/v1/accounts/[aid]/hooks/subscriptions/[hid]/route.ts DELETE': async (w, c) => {
    const id = await newSubscription(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'DELETE', `/hooks/subscriptions/${id}`, undefined, aid), {
      effect: () => subscriptionState(w, id),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/hooks/subscriptions/[hid]/ping/route.ts POST': async (w, c) => {
    const id = await newSubscription(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/hooks/subscriptions/${id}/ping`, undefined, aid), {
      effect: () => subscriptionState(w, id),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/hooks/subscriptions/[hid]/deliveries/route.ts GET': async (w, c) => {
    const id = await newSubscription(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'GET', `/hooks/subscriptions/${id}/deliveries`, undefined, aid), { crossAccount: true });
  },
  'app/api/v1/accounts/[aid]/hooks/subscriptions/[hid]/deliveries/[deliveryId]/redeliver/route.ts POST': async (w, c) => {
    const t = await failedDelivery(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/hooks/subscriptions/${t.subscriptionId}/deliveries/${t.deliveryId}/redeliver`, undefined, aid), {
      effect: () => deliveryState(w, t.deliveryId),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/wallets/settings/route.ts GET': (w, c) => apiCell(w, c, (aid) => apiAs(w, c, 'GET', '/wallets/settings', undefined, aid)),
  'app/api/v1/accounts/[aid]/wallets/settings/route.ts PATCH': async (w, c) => {
    const days = 100 + Math.floor(Math.random() * 900);
    return apiCell(w, c, (aid) => apiAs(w, c, 'PATCH', '/wallets/settings', { default_card_expires_in_days: days }, aid), {
      effect: async () => String((await w.db.walletSettings.findUnique({ where: { accountId: A } }))?.updatedAt?.getTime()),
    });
  },
  'app/api/v1/accounts/[aid]/wallets/cards/[cardId]/activate/route.ts POST': async (w, c) => {
    const { cardId } = await newInactiveCard(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/wallets/cards/${encodeURIComponent(cardId)}/activate`, { amount: 1000, currency: 'NOK' }, aid), {
      effect: () => cardState(w, cardId),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/wallets/cards/[cardId]/rotate-pin/route.ts POST': async (w, c) => {
    const { cardId } = await newFundedCard(w, 1000);
    return apiCell(
      w,
      c,
      (aid) => apiAs(w, c, 'POST', `/wallets/cards/${encodeURIComponent(cardId)}/rotate-pin`, { pin: { format: { length: 6, numbers: true } } }, aid),
      {
        effect: () => cardState(w, cardId),
        crossAccount: true,
      },
    );
  },
  'app/api/v1/accounts/[aid]/cardstock/cards/[cardId]/block/route.ts POST': async (w, c) => {
    const { cardId } = await newFundedCard(w, 1000);
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/cardstock/cards/${encodeURIComponent(cardId)}/block`, { reason: 'lost' }, aid), {
      effect: () => cardState(w, cardId),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/cardstock/cards/[cardId]/unblock/route.ts POST': async (w, c) => {
    const { cardId } = await newFundedCard(w, 1000);
    await w.db.card.updateMany({ where: { accountId: A, cardId }, data: { blockedAt: new Date(), blockedReason: 'lost', blockedBy: 'access-matrix' } });
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/cardstock/cards/${encodeURIComponent(cardId)}/unblock`, {}, aid), {
      effect: () => cardState(w, cardId),
      crossAccount: true,
    });
  },
  ...controlApiCells(),
  'app/api/v1/accounts/[aid]/wallets/cards/[cardId]/tokens/route.ts POST': async (w, c) => {
    const { cardId } = await newFundedCard(w, 1000);
    return apiCell(
      w,
      c,
      (aid) => apiAs(w, c, 'POST', `/wallets/cards/${encodeURIComponent(cardId)}/tokens`, { ref_id: uid('mx-code'), expires_in: 600 }, aid),
      {
        effect: async () => String(await w.db.cardToken.count({ where: { card: { accountId: A, cardId } } })),
        crossAccount: true,
      },
    );
  },
  'app/api/v1/accounts/[aid]/wallets/cards/[cardId]/transactions/route.ts GET': (w, c) =>
    apiCell(w, c, (aid) => apiAs(w, c, 'GET', `/wallets/cards/${encodeURIComponent(w.funded.cardId)}/transactions`, undefined, aid), { crossAccount: true }),
  'app/api/v1/accounts/[aid]/wallets/info/route.ts POST': (w, c) =>
    apiCell(w, c, (aid) => apiAs(w, c, 'POST', '/wallets/info', { token: w.funded.token }, aid), { crossAccount: true }),
  'app/api/v1/accounts/[aid]/wallets/transactions/route.ts POST': async (w, c) => {
    const refId = uid('mx-tx');
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', '/wallets/transactions', { ref_id: refId, amount: 1, currency: 'NOK', token: w.funded.token }, aid), {
      effect: async () => String(await w.db.cardTransaction.count({ where: { refId } })),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/wallets/transactions/[transactionId]/capture/route.ts POST': async (w, c) => {
    const id = await pendingDrawdown(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/wallets/transactions/${id}/capture`, { ref_id: uid('mx-capture') }, aid), {
      effect: async () => String(await w.db.cardTransaction.count({ where: { parentId: id } })),
      crossAccount: true,
    });
  },
  'app/api/v1/accounts/[aid]/wallets/transactions/[transactionId]/void/route.ts POST': async (w, c) => {
    const id = await pendingDrawdown(w);
    return apiCell(w, c, (aid) => apiAs(w, c, 'POST', `/wallets/transactions/${id}/void`, { ref_id: uid('mx-void') }, aid), {
      effect: async () => String(await w.db.cardTransaction.count({ where: { parentId: id } })),
      crossAccount: true,
    });
  },
};

/** The table's keys with no cell implementation here (the section reports them as failures). */
export function missingCells(): string[] {
  return ACCESS_TABLE.map(entryKey).filter((key) => !CELLS[key]);
}

const KIND_NAMES: Record<AccessEntry['kind'], string> = {
  page: 'pages',
  action: 'server actions (called directly)',
  route: 'route handlers',
  api: 'Wallet API operations',
};

export const section: Section = {
  name: 'Access matrix',
  async run(env) {
    const { w, stop } = await setup(env);
    const results = new Map<AccessEntry['kind'], { tried: number; mismatches: string[] }>();
    try {
      for (const entry of ACCESS_TABLE) {
        const key = entryKey(entry);
        const result = results.get(entry.kind) ?? { tried: 0, mismatches: [] };
        results.set(entry.kind, result);
        const cell = CELLS[key];
        for (const principal of PRINCIPALS) {
          result.tried += 1;
          const expected = entry.expect[principal];
          if (!cell) {
            result.mismatches.push(`${key} × ${principal}: no cell in access-matrix.ts`);
            continue;
          }
          let observed: Observed;
          try {
            observed = await cell(w, callerFor(w, principal));
          } catch (error) {
            observed = { outcome: 'error', note: error instanceof Error ? error.message : String(error) };
          }
          if (observed.outcome !== expected) {
            result.mismatches.push(
              `${key} × ${principal}: expected ${expected}, got ${observed.outcome}${observed.note ? ` (${observed.note.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`,
            );
          }
        }
      }
    } finally {
      env.countRequests(w.http.requests);
      await stop();
    }
    return [...results].map(([kind, r]): Probe => ({
      area: 'access',
      name: `Access matrix: ${KIND_NAMES[kind]}`,
      tried: r.tried,
      held: r.mismatches.length === 0,
      failures: r.mismatches.length || undefined,
      detail:
        r.mismatches.length === 0
          ? `Every ${KIND_NAMES[kind].replace(/ \(.*\)/, '')} × principal cell of access-table.ts answered as expected over HTTP, allowed ones with their effect in the database and refused ones without.`
          : `${r.mismatches.length} of ${r.tried} cells not as expected:\n${r.mismatches.join('\n')}`,
    }));
  },
};
