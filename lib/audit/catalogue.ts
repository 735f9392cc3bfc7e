/**
 * Every audit action Cardstock writes, in one table (issue 12: "a typed catalogue, not free
 * strings"), like the ledger's kinds: its label (the audit page and the CSV show it), what its
 * target is, and the shape of its `data` (zod; loose, so an entry may carry more than the keys it
 * promises, never less or of another type). recordAuditEvent / auditInsertSql take only an
 * action of this table, and its data typed by it; catalogue.test.ts fails when code writes an
 * action missing here or an entry here is written nowhere.
 *
 * Data never holds a secret (token, PIN, password, API secret): the log is readable by HQ admins.
 */
import { z } from 'zod';

const none = z.looseObject({});
const cardId = { card_id: z.string() };
const amount = { amount: z.number().int(), currency: z.string().nullable() };
const beforeAfter = { before: z.unknown(), after: z.unknown() };
const refusal = z.looseObject({ reason: z.string() });
const approvalStep = { kind: z.string(), subject: z.string() };
const control = { via: z.string(), reason: z.string(), note: z.string(), request_key: z.string(), ...beforeAfter };

type Target =
  'user' | 'store' | 'api_client' | 'account' | 'accounting_period' | 'webhook_subscription' | 'webhook_delivery' | 'approval_request' | 'batch' | 'card';
interface Entry {
  label: string;
  target: Target;
  data: z.ZodType<Record<string, unknown>>;
}

const entry = <D extends z.ZodType<Record<string, unknown>>>(label: string, target: Target, data: D) => ({ label, target, data });

export const AUDIT_CATALOGUE = {
  // Sign-in
  'auth.login': entry('Signed in', 'user', none),
  'auth.login_failed': entry('Sign-in failed (wrong password)', 'user', none),
  'auth.login_locked': entry('Sign-in locked after repeated failures', 'user', none),
  'auth.login_refused_disabled': entry('Sign-in refused (user disabled)', 'user', none),
  // Users, stores, API clients, settings
  'user.create': entry('User created', 'user', z.looseObject({ email: z.string(), role: z.string() })),
  'user.assign_store': entry('Clerk moved to another store', 'user', z.looseObject({ fromStoreId: z.string().nullable(), toStoreId: z.string() })),
  'user.disable': entry('User disabled', 'user', none),
  'user.enable': entry('User enabled', 'user', none),
  'store.create': entry('Store created', 'store', z.looseObject({ name: z.string(), currency: z.string() })),
  'store.disable': entry('Store disabled', 'store', none),
  'store.enable': entry('Store enabled', 'store', none),
  'store.set_locale': entry('Store receipt language changed', 'store', z.looseObject({ locale: z.string().nullable() })),
  'api_client.create': entry(
    'API client created',
    'api_client',
    z.looseObject({ client_id: z.string(), scopes: z.array(z.string()), store_id: z.string().nullable().optional() }),
  ),
  'api_client.revoke': entry('API client revoked', 'api_client', none),
  'account.wallet_settings_update': entry('Wallet settings changed', 'account', z.looseObject(beforeAfter)),
  'account.store_policy_update': entry('Store-counter policy changed', 'account', none),
  'account.default_locale_update': entry('Default language changed', 'account', z.looseObject(beforeAfter)),
  'accounting.mapping_update': entry('Accounting mapping changed', 'account', z.looseObject(beforeAfter)),
  'accounting.period_close': entry('Accounting month closed', 'accounting_period', z.looseObject({ month: z.string(), sha256: z.string(), lines: z.number() })),
  'webhook.subscription_create': entry('Webhook subscription created', 'webhook_subscription', z.looseObject({ url: z.string(), events: z.array(z.string()) })),
  'webhook.subscription_delete': entry('Webhook subscription deleted', 'webhook_subscription', none),
  'webhook.delivery_redeliver': entry(
    'Webhook delivery sent again (manual)',
    'webhook_delivery',
    z.looseObject({ subscription_id: z.string(), event: z.string(), previous_status: z.string(), attempts: z.number() }),
  ),
  'account.dual_control_settings_update': entry('Dual-control settings changed', 'account', z.looseObject(beforeAfter)),
  // Four-eyes (lib/approvals): every step of a request
  'approval.requested': entry('Approval requested', 'approval_request', z.looseObject({ ...approvalStep, reason: z.string(), expires_at: z.string() })),
  'approval.approved': entry('Approval granted', 'approval_request', z.looseObject({ ...approvalStep, note: z.string(), requested_by: z.string() })),
  'approval.rejected': entry('Approval rejected', 'approval_request', z.looseObject({ ...approvalStep, note: z.string(), withdrawn: z.boolean() })),
  'approval.expired': entry('Approval request expired (24 h)', 'approval_request', z.looseObject(approvalStep)),
  'approval.executed': entry('Approved step carried out', 'approval_request', z.looseObject(approvalStep)),
  // Print runs and their secrets
  'batch.create': entry('Card batch created (API)', 'batch', z.looseObject({ quantity: z.number(), first_card_id: z.string(), last_card_id: z.string() })),
  'print_run.order': entry('Print run ordered', 'batch', z.looseObject({ quantity: z.number(), first_card_id: z.string(), last_card_id: z.string() })),
  'print_run.ready': entry('Print run ready', 'batch', none),
  'print_run.failed': entry('Print run failed', 'batch', z.looseObject({ reason: z.string() })),
  'print_run.export': entry('Print run card list exported', 'batch', z.looseObject({ format: z.string() })),
  'print_run.view': entry('Print run card list viewed', 'batch', z.looseObject({ page: z.string() })),
  'secrets.release_started': entry('Secrets download started', 'batch', z.looseObject({ quantity: z.number(), format: z.string() })),
  'secrets.downloaded': entry('Secrets downloaded', 'batch', z.looseObject({ rows: z.number(), sha256: z.string(), format: z.string() })),
  'secrets.release_aborted': entry('Secrets download aborted', 'batch', refusal),
  'secrets.release_refused': entry('Secrets release refused', 'batch', refusal),
  'secrets.release_refused_password': entry('Secrets release refused (wrong password)', 'batch', refusal),
  'secrets.confirm_refused': entry('Secrets confirmation refused', 'batch', refusal),
  'secrets.released': entry('Secrets released and destroyed', 'batch', z.looseObject({ sha256: z.string() })),
  'secrets.release_confirmed_again': entry('Secrets release confirmed again', 'batch', z.looseObject({ sha256: z.string() })),
  'secrets.destroyed_unreleased': entry('Unreleased secrets destroyed (deadline passed)', 'batch', none),
  // The audit log itself: who took a copy of it
  'audit.export': entry('Audit log exported (CSV)', 'account', z.looseObject({ filters: z.record(z.string(), z.string()) })),
  // Cards
  'card.create': entry('Card created (funded)', 'card', z.looseObject({ ...cardId, ...amount })),
  'card.activate': entry('Card activated', 'card', z.looseObject({ ...cardId, ...amount, store_id: z.string().nullable() })),
  'card.activation_undo': entry('Card sale undone', 'card', z.looseObject({ ...cardId, ...amount })),
  'card.token_create': entry('Temporary card code created', 'card', z.looseObject({ ...cardId, card_token_id: z.string(), ref_id: z.string() })),
  'card.block': entry('Card blocked', 'card', z.looseObject({ ...cardId, via: z.string(), ...beforeAfter })),
  'card.unblock': entry('Card unblocked', 'card', z.looseObject({ ...cardId, via: z.string(), ...beforeAfter })),
  'card.delete': entry('Card deleted', 'card', z.looseObject({ ...cardId, ...beforeAfter })),
  'card.rotate_pin': entry('Card PIN rotated', 'card', z.looseObject(cardId)),
  // HQ's controls (lib/cards/controls.ts): a reason from a list, a note, the request key, before and after
  'card.adjust': entry('Balance adjusted', 'card', z.looseObject({ ...cardId, ...control, transaction_id: z.string(), ...amount })),
  'card.refund': entry(
    'Refund to card',
    'card',
    z.looseObject({ ...cardId, ...control, transaction_id: z.string(), refunds_transaction_id: z.string(), ...amount }),
  ),
  'card.replace': entry('Card replaced (balance moved out)', 'card', z.looseObject({ ...cardId, ...control, transfer_id: z.string(), to_card_id: z.string() })),
  'card.replace_in': entry(
    'Balance moved in from a replaced card',
    'card',
    z.looseObject({ ...cardId, ...control, transfer_id: z.string(), from_card_id: z.string() }),
  ),
  'card.expiry': entry('Expiry changed', 'card', z.looseObject({ ...cardId, ...control })),
  'card.deactivate': entry('Card deactivated for good', 'card', z.looseObject({ ...cardId, ...control })),
  'card.expiry_booked': entry('Expired balance booked off', 'card', z.looseObject({ ...cardId, transaction_id: z.string(), ...amount })),
  // Money movements (lib/cards/ledger.ts writes the row in the ledger's own statement)
  'transaction.fund': entry('Card funded', 'card', z.looseObject({ transaction_id: z.string(), ref_id: z.string(), ...amount })),
  'transaction.drawdown': entry('Drawdown', 'card', z.looseObject({ transaction_id: z.string(), ref_id: z.string(), ...amount })),
  'transaction.reserve': entry('Amount reserved (pending)', 'card', z.looseObject({ transaction_id: z.string(), ref_id: z.string(), ...amount })),
  'transaction.capture': entry('Reservation captured', 'card', z.looseObject({ transaction_id: z.string(), parent_id: z.string(), amount: z.number() })),
  'transaction.void': entry('Reservation voided', 'card', z.looseObject({ transaction_id: z.string(), parent_id: z.string(), amount: z.number() })),
} as const satisfies Record<string, Entry>;

export type AuditAction = keyof typeof AUDIT_CATALOGUE;
/** What the caller of an action must pass as its data: the catalogue's shape (extra keys allowed). */
export type AuditData<A extends AuditAction> = z.input<(typeof AUDIT_CATALOGUE)[A]['data']>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_CATALOGUE) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_CATALOGUE, value);
}

/** The label of an action, or the raw action for rows written before it was catalogued. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_CATALOGUE[action].label : action;
}

/** The audit action of each ledger kind a Wallet API transaction appends (lib/cards/create-transaction.ts). */
export const LEDGER_AUDIT_ACTIONS = { FUND: 'transaction.fund', RESERVE: 'transaction.reserve', DRAWDOWN: 'transaction.drawdown' } as const satisfies Record<
  string,
  AuditAction
>;
