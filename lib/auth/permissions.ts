/**
 * Who may do what. The single table of role × permission; every page, action and route asks
 * `can(role, permission)` (through lib/auth/session.ts) — never a role name check of its own.
 */
export const ROLES = ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  HQ_ADMIN: 'HQ admin',
  HQ_STAFF: 'HQ staff',
  CLERK: 'Store clerk',
};

const PERMISSIONS = {
  /** The HQ area: dashboard, print runs, cards, balances, stores list. */
  'hq:view': ['HQ_ADMIN', 'HQ_STAFF'],
  'printRuns:order': ['HQ_ADMIN', 'HQ_STAFF'],
  /** The one-time download of card secrets. */
  'secrets:release': ['HQ_ADMIN'],
  'users:manage': ['HQ_ADMIN'],
  'stores:manage': ['HQ_ADMIN'],
  'apiClients:manage': ['HQ_ADMIN'],
  /** Account policy: store-counter denominations, per-card limits, default expiry, time zone. */
  'settings:manage': ['HQ_ADMIN'],
  /** The finance reports (liability, aging, movements, breakage, stores) and the journal export. */
  'reports:view': ['HQ_ADMIN', 'HQ_STAFF'],
  /** Which ledger account each movement books to, and closing an accounting month. */
  'accounting:manage': ['HQ_ADMIN'],
  /** The store area: activation and balance lookup. Clerks only for their own store. */
  'store:use': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
  'cards:activate': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
  'balance:lookup': ['HQ_ADMIN', 'HQ_STAFF', 'CLERK'],
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
