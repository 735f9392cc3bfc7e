/**
 * Who may use what: THE table of every page, server action, route handler and Wallet API
 * operation × every kind of caller, with the outcome each must get. It is the single source of
 * the access matrix (scripts/reliability/access-matrix.ts makes every cell's request over HTTP)
 * and scripts/reliability/access-table.test.ts fails when a page, action export or route method
 * exists on disk without an entry here, or an entry names one that no longer exists.
 *
 * Outcomes, as seen over HTTP:
 * - allow  – the caller gets what it asked for (a page: 200; an action: its success result, with
 *            its effect in the database; a route: 2xx).
 * - own    – allowed, but confined to the caller's own store: store A's data is neither shown
 *            nor changed (the cell checks that).
 * - login  – sent to sign in: a redirect to /login (pages, and actions behind the proxy), an
 *            action's "session has ended" refusal, or a 401.
 * - deny   – refused: a redirect to /denied, an action's refusal, or a 403; nothing changes.
 * - home   – a signed-in user sent to their own start page (/hq or /store).
 * - none   – nothing is there for anyone: the Wallet API's JSON 404 (unknown /v1 paths).
 * Every refusal must leave the database as it was (each cell checks the effect it would have).
 */
import type { ApiOperation } from '@/lib/auth/scopes';

export const PRINCIPALS = [
  'anonymous',
  /** Olav, clerk of Oslo Downtown. */
  'clerkA',
  /** Berit, clerk of Bergen Harbour; store A's activations and counter are not hers. */
  'clerkB',
  'hqStaff',
  'hqAdmin',
  'api:admin:wallets',
  'api:write:wallets',
  'api:read:wallets',
  'api:write:wallets:/transactions',
  /** An admin:wallets client of another account: must get nothing of this account. */
  'apiOtherAccount',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export type Outcome = 'allow' | 'own' | 'login' | 'deny' | 'home' | 'none';
export type Expectation = Record<Principal, Outcome>;

export type AccessEntry =
  | { kind: 'page'; file: string; expect: Expectation }
  | { kind: 'action'; file: string; name: string; expect: Expectation }
  | { kind: 'route'; file: string; method: string; expect: Expectation }
  /** A Wallet API route method: `operation` is the scope class it is declared with (lib/auth/scopes.ts). */
  | { kind: 'api'; file: string; method: string; operation: ApiOperation | 'token'; expect: Expectation };

/** The key of an entry, the same one the on-disk check builds: `file`, `file#export` or `file METHOD`. */
export function entryKey(entry: AccessEntry): string {
  if (entry.kind === 'page') return entry.file;
  if (entry.kind === 'action') return `${entry.file}#${entry.name}`;
  return `${entry.file} ${entry.method}`;
}

const API_CLIENTS = ['api:admin:wallets', 'api:write:wallets', 'api:read:wallets', 'api:write:wallets:/transactions', 'apiOtherAccount'] as const;

/** A full row: `users` for the five browser principals, API clients (no session cookie) as `api`. */
function row(users: Record<'anonymous' | 'clerkA' | 'clerkB' | 'hqStaff' | 'hqAdmin', Outcome>, api: Outcome): Expectation {
  return { ...users, ...Object.fromEntries(API_CLIENTS.map((p) => [p, api])) } as Expectation;
}

// Browser areas. Bearer-token clients carry no session cookie, so they are signed-out visitors there.
const PUBLIC = row({ anonymous: 'allow', clerkA: 'allow', clerkB: 'allow', hqStaff: 'allow', hqAdmin: 'allow' }, 'allow');
const HQ = row({ anonymous: 'login', clerkA: 'deny', clerkB: 'deny', hqStaff: 'allow', hqAdmin: 'allow' }, 'login');
const HQ_ADMIN = row({ anonymous: 'login', clerkA: 'deny', clerkB: 'deny', hqStaff: 'deny', hqAdmin: 'allow' }, 'login');
const STORE = row({ anonymous: 'login', clerkA: 'allow', clerkB: 'allow', hqStaff: 'allow', hqAdmin: 'allow' }, 'login');
/** Store-area work on store A: clerk B may not do it (or sees only her own store). */
const STORE_A = (clerkB: Outcome) => row({ anonymous: 'login', clerkA: 'allow', clerkB, hqStaff: 'allow', hqAdmin: 'allow' }, 'login');
/** An unknown Wallet API path: a JSON 404 for everyone, whatever they hold. */
const NOWHERE = row({ anonymous: 'none', clerkA: 'none', clerkB: 'none', hqStaff: 'none', hqAdmin: 'none' }, 'none');
const SIGNED_IN = row({ anonymous: 'login', clerkA: 'allow', clerkB: 'allow', hqStaff: 'allow', hqAdmin: 'allow' }, 'login');

/** Wallet API: session cookies are no credentials there; scopes per lib/auth/scopes.ts; another account's token is refused. */
function api(scopes: Record<'admin' | 'write' | 'read' | 'transactions', Outcome>): Expectation {
  return {
    anonymous: 'login',
    clerkA: 'login',
    clerkB: 'login',
    hqStaff: 'login',
    hqAdmin: 'login',
    'api:admin:wallets': scopes.admin,
    'api:write:wallets': scopes.write,
    'api:read:wallets': scopes.read,
    'api:write:wallets:/transactions': scopes.transactions,
    apiOtherAccount: 'deny',
  };
}
const CARDS_WRITE = api({ admin: 'allow', write: 'allow', read: 'deny', transactions: 'deny' });
const CARDS_READ = api({ admin: 'allow', write: 'allow', read: 'allow', transactions: 'deny' });
const TX_TOKEN = api({ admin: 'allow', write: 'allow', read: 'deny', transactions: 'allow' });
const INFO = api({ admin: 'allow', write: 'allow', read: 'allow', transactions: 'allow' });
const SETTINGS_READ = api({ admin: 'allow', write: 'deny', read: 'allow', transactions: 'deny' });
const SETTINGS_WRITE = api({ admin: 'allow', write: 'allow', read: 'deny', transactions: 'deny' });
/** Webhook subscriptions (Dintero's Hooks API): admin:wallets only (lib/auth/scopes.ts says why). */
const HOOKS = api({ admin: 'allow', write: 'deny', read: 'deny', transactions: 'deny' });
/** Cardstock's controls that create or destroy value (adjust, refund, deactivate): admin:wallets only, like HQ admins. */
const CARDS_ADMIN = api({ admin: 'allow', write: 'deny', read: 'deny', transactions: 'deny' });
const H = 'app/api/v1/accounts/[aid]/hooks/subscriptions';

const W = 'app/api/v1/accounts/[aid]/wallets';
const C = 'app/api/v1/accounts/[aid]/cardstock';

export const ACCESS_TABLE: AccessEntry[] = [
  // Pages
  { kind: 'page', file: 'app/page.tsx', expect: row({ anonymous: 'login', clerkA: 'home', clerkB: 'home', hqStaff: 'home', hqAdmin: 'home' }, 'login') },
  { kind: 'page', file: 'app/login/page.tsx', expect: row({ anonymous: 'allow', clerkA: 'home', clerkB: 'home', hqStaff: 'home', hqAdmin: 'home' }, 'allow') },
  { kind: 'page', file: 'app/denied/page.tsx', expect: SIGNED_IN },
  { kind: 'page', file: 'app/hq/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/api-clients/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/approvals/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/audit/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/cards/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/cards/[cardId]/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/print-runs/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/print-runs/new/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/print-runs/[batchId]/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/print-runs/[batchId]/release/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/settings/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/reports/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/reports/liability/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/reports/aging/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/reports/movements/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/reports/breakage/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/reports/stores/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/reports/accounting/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/stores/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/hq/users/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/webhooks/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/hq/webhooks/[subscriptionId]/page.tsx', expect: HQ_ADMIN },
  { kind: 'page', file: 'app/store/page.tsx', expect: STORE },
  { kind: 'page', file: 'app/store/balance/page.tsx', expect: STORE },
  { kind: 'page', file: 'app/store/today/page.tsx', expect: STORE_A('own') },
  // Every signed-in user's own profile (their language): HQ's for HQ roles, the counter's for every store user.
  { kind: 'page', file: 'app/hq/profile/page.tsx', expect: HQ },
  { kind: 'page', file: 'app/store/profile/page.tsx', expect: STORE },

  // Server actions, called directly (POST with Next-Action), not through the UI
  { kind: 'action', file: 'app/_actions/sign-out.ts', name: 'signOutAction', expect: SIGNED_IN },
  { kind: 'action', file: 'app/login/actions.ts', name: 'loginAction', expect: PUBLIC },
  { kind: 'action', file: 'app/store/actions.ts', name: 'findCardForSaleAction', expect: STORE_A('deny') },
  { kind: 'action', file: 'app/store/actions.ts', name: 'activateAtStoreAction', expect: STORE_A('deny') },
  { kind: 'action', file: 'app/store/actions.ts', name: 'lookupBalanceAction', expect: STORE },
  { kind: 'action', file: 'app/store/actions.ts', name: 'undoActivationAction', expect: STORE_A('deny') },
  { kind: 'action', file: 'app/store/actions.ts', name: 'chooseStoreAction', expect: STORE_A('deny') },
  { kind: 'action', file: 'app/_actions/set-locale.ts', name: 'setLocaleAction', expect: STORE },
  // Any store user of the account may block a card in front of them (clerk B too: a card has no store before it is sold).
  { kind: 'action', file: 'app/store/actions.ts', name: 'blockAtCounterAction', expect: STORE },
  { kind: 'action', file: 'app/hq/api-clients/actions.ts', name: 'createApiClientAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/api-clients/actions.ts', name: 'revokeApiClientAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/cards/actions.ts', name: 'searchCardsAction', expect: HQ },
  { kind: 'action', file: 'app/hq/cards/actions.ts', name: 'blockCardAction', expect: HQ },
  { kind: 'action', file: 'app/hq/cards/actions.ts', name: 'unblockCardAction', expect: HQ },
  // The card page's controls (lib/auth/permissions.ts says who and why): value moves by admins only.
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'adjustCardAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'refundCardAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'replaceCardAction', expect: HQ },
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'changeExpiryAction', expect: HQ },
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'bulkExpiryAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'deactivateCardAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/cards/[cardId]/actions.ts', name: 'rotatePinAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/print-runs/actions.ts', name: 'orderPrintRunAction', expect: HQ },
  { kind: 'action', file: 'app/hq/print-runs/actions.ts', name: 'suggestStartSequenceAction', expect: HQ },
  { kind: 'action', file: 'app/hq/print-runs/[batchId]/release/actions.ts', name: 'confirmReleaseAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/print-runs/[batchId]/release/actions.ts', name: 'requestReleaseApprovalAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/approvals/actions.ts', name: 'approveApprovalAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/approvals/actions.ts', name: 'rejectApprovalAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/settings/actions.ts', name: 'updateStorePolicyAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/settings/actions.ts', name: 'setDefaultLocaleAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/settings/actions.ts', name: 'updateDualControlAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/reports/accounting/actions.ts', name: 'updateAccountMappingAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/reports/accounting/actions.ts', name: 'closePeriodAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/stores/actions.ts', name: 'createStoreAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/stores/actions.ts', name: 'setStoreDisabledAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/stores/actions.ts', name: 'setStoreLocaleAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/users/actions.ts', name: 'createUserAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/users/actions.ts', name: 'setUserDisabledAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/users/actions.ts', name: 'assignClerkStoreAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/webhooks/actions.ts', name: 'createWebhookAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/webhooks/actions.ts', name: 'deleteWebhookAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/webhooks/actions.ts', name: 'pingWebhookAction', expect: HQ_ADMIN },
  { kind: 'action', file: 'app/hq/webhooks/actions.ts', name: 'redeliverWebhookAction', expect: HQ_ADMIN },

  // Route handlers outside the Wallet API
  { kind: 'route', file: 'app/api/auth/[...nextauth]/route.ts', method: 'GET', expect: PUBLIC },
  { kind: 'route', file: 'app/api/auth/[...nextauth]/route.ts', method: 'POST', expect: PUBLIC },
  { kind: 'route', file: 'app/api/v1/openapi.json/route.ts', method: 'GET', expect: PUBLIC },
  { kind: 'route', file: 'app/healthz/route.ts', method: 'GET', expect: PUBLIC },
  { kind: 'route', file: 'app/readyz/route.ts', method: 'GET', expect: PUBLIC },
  ...(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const).map((method): AccessEntry => ({
    kind: 'route',
    file: 'app/api/v1/[[...rest]]/route.ts',
    method,
    expect: NOWHERE,
  })),
  { kind: 'route', file: 'app/hq/audit/events.csv/route.ts', method: 'GET', expect: HQ_ADMIN },
  { kind: 'route', file: 'app/hq/print-runs/[batchId]/cards.csv/route.ts', method: 'GET', expect: HQ },
  { kind: 'route', file: 'app/hq/print-runs/[batchId]/progress/route.ts', method: 'GET', expect: HQ },
  { kind: 'route', file: 'app/hq/expiry-jobs/[jobId]/route.ts', method: 'GET', expect: HQ_ADMIN },
  { kind: 'route', file: 'app/hq/print-runs/[batchId]/release/print-file/route.ts', method: 'POST', expect: HQ_ADMIN },
  { kind: 'route', file: 'app/hq/reports/download/[report]/route.ts', method: 'GET', expect: HQ },
  { kind: 'route', file: 'app/hq/reports/accounting/journal.csv/route.ts', method: 'GET', expect: HQ },

  // Wallet API operations
  {
    kind: 'api',
    file: 'app/api/v1/accounts/[aid]/auth/token/route.ts',
    method: 'POST',
    operation: 'token',
    // Any client of the account may get a token with its credentials; another account's client is not one of them.
    expect: { ...api({ admin: 'allow', write: 'allow', read: 'allow', transactions: 'allow' }), apiOtherAccount: 'login' },
  },
  { kind: 'api', file: `${W}/cards/route.ts`, method: 'GET', operation: 'cards:read', expect: CARDS_READ },
  { kind: 'api', file: `${W}/cards/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/cards/batch/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/cards/[cardId]/route.ts`, method: 'GET', operation: 'cards:read', expect: CARDS_READ },
  { kind: 'api', file: `${W}/cards/[cardId]/route.ts`, method: 'DELETE', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/customers/[customerId]/cards/route.ts`, method: 'GET', operation: 'cards:read', expect: CARDS_READ },
  { kind: 'api', file: `${W}/customers/[customerId]/cards/[cardId]/route.ts`, method: 'GET', operation: 'cards:read', expect: CARDS_READ },
  { kind: 'api', file: `${W}/settings/route.ts`, method: 'GET', operation: 'settings:read', expect: SETTINGS_READ },
  { kind: 'api', file: `${W}/settings/route.ts`, method: 'PATCH', operation: 'settings:write', expect: SETTINGS_WRITE },
  { kind: 'api', file: `${W}/cards/[cardId]/activate/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/cards/[cardId]/rotate-pin/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/cards/[cardId]/tokens/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/cards/[cardId]/transactions/route.ts`, method: 'GET', operation: 'cards:read', expect: CARDS_READ },
  // Cardstock extensions (off Dintero's /wallets paths)
  { kind: 'api', file: `${C}/cards/[cardId]/block/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${C}/cards/[cardId]/unblock/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${C}/cards/[cardId]/adjust/route.ts`, method: 'POST', operation: 'cards:admin', expect: CARDS_ADMIN },
  { kind: 'api', file: `${C}/cards/[cardId]/refund/route.ts`, method: 'POST', operation: 'cards:admin', expect: CARDS_ADMIN },
  { kind: 'api', file: `${C}/cards/[cardId]/deactivate/route.ts`, method: 'POST', operation: 'cards:admin', expect: CARDS_ADMIN },
  { kind: 'api', file: `${C}/cards/[cardId]/replace/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${C}/cards/[cardId]/expiry/route.ts`, method: 'POST', operation: 'cards:write', expect: CARDS_WRITE },
  { kind: 'api', file: `${W}/info/route.ts`, method: 'POST', operation: 'info', expect: INFO },
  { kind: 'api', file: `${W}/transactions/route.ts`, method: 'POST', operation: 'transactions:token', expect: TX_TOKEN },
  { kind: 'api', file: `${W}/transactions/[transactionId]/capture/route.ts`, method: 'POST', operation: 'transactions:token', expect: TX_TOKEN },
  { kind: 'api', file: `${W}/transactions/[transactionId]/void/route.ts`, method: 'POST', operation: 'transactions:token', expect: TX_TOKEN },
  { kind: 'api', file: `${H}/route.ts`, method: 'POST', operation: 'hooks:manage', expect: HOOKS },
  { kind: 'api', file: `${H}/route.ts`, method: 'GET', operation: 'hooks:manage', expect: HOOKS },
  { kind: 'api', file: `${H}/[hid]/route.ts`, method: 'GET', operation: 'hooks:manage', expect: HOOKS },
  { kind: 'api', file: `${H}/[hid]/route.ts`, method: 'DELETE', operation: 'hooks:manage', expect: HOOKS },
  { kind: 'api', file: `${H}/[hid]/ping/route.ts`, method: 'POST', operation: 'hooks:manage', expect: HOOKS },
  { kind: 'api', file: `${H}/[hid]/deliveries/route.ts`, method: 'GET', operation: 'hooks:manage', expect: HOOKS },
  { kind: 'api', file: `${H}/[hid]/deliveries/[deliveryId]/redeliver/route.ts`, method: 'POST', operation: 'hooks:manage', expect: HOOKS },
];

export function cellCount(table: AccessEntry[] = ACCESS_TABLE): number {
  return table.length * PRINCIPALS.length;
}
