/**
 * Who may do what. The single table of role × permission; every page, action and route asks
 * `can(role, permission)` (through lib/edge/session.ts) — never a role name check of its own.
 */
export const ROLES = ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  HQ_ADMIN: 'HQ admin',
  HQ_STAFF: 'HQ staff',
  CLERK: 'Store clerk',
};

/*
 * Each permission is named after what it guards, and an operation asks for the one that guards
 * it — never another that happens to have the right roles today (a money movement guarded by
 * `cards:activate` would be open to every clerk). Wallet API scopes (lib/auth/scopes.ts) are the
 * same idea for API clients; lib/auth/authorize-actor.ts asks for one or the other.
 */
const PERMISSIONS = {
  /** The HQ area: dashboard, print runs, stores list. */
  'hq:view': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Reading cards, their balances and transactions outside the counter. */
  'cards:read': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Creating cards (single, batch) and deleting unused ones. */
  'cards:manage': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Money movements on cards: funding, drawdowns, capture and void. HQ only: a clerk sells cards, never moves money. */
  'transactions:write': ['HQ_ADMIN', 'HQ_STAFF'],
  'printRuns:order': ['HQ_ADMIN', 'HQ_STAFF'],
  /** The one-time download of card secrets. */
  'secrets:release': ['HQ_ADMIN'],
  /** Giving a card a new PIN (shown once). */
  'pins:rotate': ['HQ_ADMIN'],
  /** Blocking and unblocking a card (lost, stolen, fraud …): it then refuses everything like an unknown card. */
  'cards:block': ['HQ_ADMIN', 'HQ_STAFF'],
  /*
   * HQ's controls (issue 12). Value is created or destroyed only by admins (finance): an adjustment,
   * a refund, a deactivation's write-off. HQ staff answer the phone, so they may replace a card
   * (the value stays the customer's, moved to an empty card, audited) and change one card's expiry
   * ("it expired last week"); a bulk expiry change moves many cards' breakage at once: admins only.
   */
  /** A signed adjustment of a card's balance (credit or debit) with a reason. */
  'cards:adjust': ['HQ_ADMIN'],
  /** Refunding (part of) a drawdown back onto the card. */
  'cards:refund': ['HQ_ADMIN'],
  /** Moving a card's whole balance to a new or inactive card; the old one ends blocked. */
  'cards:replace': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Extending or shortening one card's expiry. */
  'cards:expiry': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Changing the expiry of many cards at once (a print run, a list). */
  'cards:expiryBulk': ['HQ_ADMIN'],
  /** Deactivating a card for good (its balance written off). */
  'cards:deactivate': ['HQ_ADMIN'],
  'users:manage': ['HQ_ADMIN'],
  'stores:manage': ['HQ_ADMIN'],
  'apiClients:manage': ['HQ_ADMIN'],
  /** Account policy: store-counter denominations, per-card limits, default expiry, time zone. */
  'settings:manage': ['HQ_ADMIN'],
  /** Four-eyes (dual control): approving or rejecting another admin's request for a guarded step (lib/approvals). */
  'approvals:decide': ['HQ_ADMIN'],
  /** Webhook subscriptions (Dintero's Hooks API): where the account's events go, and their signing secrets. */
  'webhooks:manage': ['HQ_ADMIN'],
  /** The store area. Clerks only for their own store. */
  /** The audit log (/hq/audit) and its CSV export: every user's actions and the data they touched. */
  'audit:view': ['HQ_ADMIN'],
  /** The finance reports (liability, aging, movements, breakage, stores) and the journal export. */
  'reports:view': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Which ledger account each movement books to, and closing an accounting month. */
  'accounting:manage': ['HQ_ADMIN'],
  /** The store area: activation and balance lookup. Clerks only for their own store. */
  'store:use': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
  /** Selling a card at the counter (activation with its sale amount) and undoing that sale. */
  'cards:activate': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
  'balance:lookup': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
  /** A clerk's "Block this card" for a card in front of them: blocks at once, audited; never unblocks. */
  'cards:blockAtCounter': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Where a user lands after signing in. */
export function homePathFor(role: Role): string {
  return role === 'CLERK' ? '/store' : '/hq';
}
