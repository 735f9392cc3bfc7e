/**
 * Wallet API scopes (Dintero's names). `admin:wallets` can do everything; `write:wallets` every
 * card and transaction write; `read:wallets` reads; `write:wallets:/transactions` is the narrow
 * scope for tills: token-based drawdowns, capture, void and balance checks.
 */
export const SCOPES = ['admin:wallets', 'write:wallets', 'read:wallets', 'write:wallets:/transactions'] as const;
export type Scope = (typeof SCOPES)[number];

export type ApiOperation =
  'cards:write' | 'cards:admin' | 'cards:read' | 'transactions:write' | 'transactions:token' | 'info' | 'settings:read' | 'settings:write' | 'hooks:manage';

const GRANTS: Record<ApiOperation, readonly Scope[]> = {
  'cards:write': ['admin:wallets', 'write:wallets'],
  // Cardstock's controls that create or destroy value (adjust, refund, deactivate): like HQ, where
  // only admins may, only admin:wallets; a shop or till client (write:wallets) never.
  'cards:admin': ['admin:wallets'],
  'cards:read': ['admin:wallets', 'write:wallets', 'read:wallets'],
  'transactions:write': ['admin:wallets', 'write:wallets'],
  'transactions:token': ['admin:wallets', 'write:wallets', 'write:wallets:/transactions'],
  info: ['admin:wallets', 'write:wallets', 'read:wallets', 'write:wallets:/transactions'],
  // Dintero: GET settings needs admin:wallets or read:wallets; PATCH admin:wallets or write:wallets.
  'settings:read': ['admin:wallets', 'read:wallets'],
  'settings:write': ['admin:wallets', 'write:wallets'],
  // Dintero's Hooks API is not a wallet API; Cardstock grants it to admin:wallets only: a subscription
  // receives every transaction of the account and holds a signing secret, more than a shop or till
  // client (write:wallets) should be able to redirect.
  'hooks:manage': ['admin:wallets'],
};

/** The scopes that may perform `operation` (for the OpenAPI document's security requirements). */
export function scopesFor(operation: ApiOperation): readonly Scope[] {
  return GRANTS[operation];
}

export function scopesAllow(scopes: readonly string[], operation: ApiOperation): boolean {
  return GRANTS[operation].some((scope) => scopes.includes(scope));
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
