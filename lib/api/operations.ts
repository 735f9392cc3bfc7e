/**
 * Every Wallet API operation, declared once: method, path, the scope rule, the request schemas,
 * a summary and how it stands against Dintero's contract. Route handlers are built from these
 * declarations (lib/edge/api-route.ts `apiRoute(name, …)` takes the scope rule and the schemas from
 * here), the OpenAPI document is generated from them (lib/api/openapi.ts), and so is the
 * compatibility table in docs/COMPATIBILITY.md — so none of the three can drift from the others.
 * A test (operations.test.ts) checks that every route file under app/api/v1 exports exactly the
 * methods declared here for its path.
 */
import type { z } from 'zod';
import {
  activateCardSchema,
  blockCardSchema,
  captureSchema,
  cardInfoSchema,
  createBatchSchema,
  createCardSchema,
  createCardTokenSchema,
  createTransactionSchema,
  customerCardsQuerySchema,
  deleteCardQuerySchema,
  getCardQuerySchema,
  listCardsQuerySchema,
  listTransactionsQuerySchema,
  rotatePinSchema,
  unblockCardSchema,
  voidSchema,
} from '@/lib/cards/schemas';
import { adjustCardSchema, changeExpirySchema, deactivateCardSchema, refundCardSchema, replaceCardSchema } from '@/lib/cards/control-schemas';
import { updateWalletSettingsSchema } from '@/lib/wallet-settings/schemas';
import { createSubscriptionSchema, listDeliveriesQuerySchema } from '@/lib/webhooks/schemas';
import type { ApiOperation } from '@/lib/auth/scopes';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface OperationSpec {
  method: HttpMethod;
  /** The OpenAPI path after /v1/accounts/{aid}; path parameters in Dintero's names. */
  path: string;
  /** The scope rule (lib/auth/scopes.ts). */
  access: ApiOperation;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Accepts an Idempotency-Key header. */
  idempotencyKey?: boolean;
  /** The response is a bare JSON array (Dintero's customer cards) rather than an object. */
  respondsWithArray?: boolean;
  /**
   * Against Dintero's Wallet API: `supported` — the same endpoint, usable unchanged by a Dintero
   * client; `extension` — Cardstock's own, under a path Dintero does not use. `notes`: where
   * Cardstock decides what Dintero's documentation leaves open, or refuses something, and why.
   */
  dintero: { status: 'supported' | 'extension'; notes?: string };
}

export const OPERATIONS = {
  'cards.create': {
    method: 'POST',
    path: '/wallets/cards',
    access: 'cards:write',
    summary: 'Create one card with a balance (status unused; secrets returned once)',
    body: createCardSchema,
    dintero: {
      status: 'supported',
      notes:
        'Per the 2026-11-30 changelog: status, id, created_at, created_by and amount_* fields are refused (422); originated_by is accepted. card_token.expires_in (seconds from creation) and expires_after_transaction (the token pays once, then only answers /info) apply to the card’s own token.',
    },
  },
  'cards.list': {
    method: 'GET',
    path: '/wallets/cards',
    access: 'cards:read',
    summary: 'List cards, oldest first; filters status, customer_id, created_at range, amount_available range, include_deleted',
    query: listCardsQuerySchema,
    dintero: {
      status: 'supported',
      notes: 'Filters beyond limit/starting_after/include_deleted/amount_available are Cardstock additions a Dintero client may ignore.',
    },
  },
  'cards.batch': {
    method: 'POST',
    path: '/wallets/cards/batch',
    access: 'cards:write',
    summary: 'Create up to 10,000 inactive cards; secrets returned once',
    body: createBatchSchema,
    idempotencyKey: true,
    dintero: {
      status: 'supported',
      notes:
        'All or nothing; at most 10,000 cards; a repeated or existing card_id is a 409 naming the ids. options.card_token.expires_in counts from each card’s activation, not from the batch (a printed card may wait months for its sale); expires_after_transaction applies as for POST /cards.',
    },
  },
  'cards.get': {
    method: 'GET',
    path: '/wallets/cards/{card_id}',
    access: 'cards:read',
    summary: 'Get a card; includes=transactions,pin.format,card_token.format; include_deleted=true shows a deleted card',
    query: getCardQuerySchema,
    dintero: { status: 'supported' },
  },
  'cards.delete': {
    method: 'DELETE',
    path: '/wallets/cards/{card_id}',
    access: 'cards:write',
    summary: 'Soft-delete a card (hidden from lists and lookups, refuses every transaction, keeps its ledger)',
    query: deleteCardQuerySchema,
    dintero: {
      status: 'supported',
      notes:
        'A card holding money is refused (409) unless balance=write_off, which books the balance off with a write_off ledger row first; a card with an open reservation is always refused.',
    },
  },
  'cards.activate': {
    method: 'POST',
    path: '/wallets/cards/{card_id}/activate',
    access: 'cards:write',
    summary: 'Activate an inactive card and load its balance',
    body: activateCardSchema,
    idempotencyKey: true,
    dintero: {
      status: 'supported',
      notes:
        'Exactly once; a card that is not inactive is a 409 with details.status. The token behaviour object is card_token: {expires_in, expires_after_transaction} (the field name Dintero’s page does not show); it overrides the batch’s, and expires_in counts from this activation.',
    },
  },
  'cards.transactions': {
    method: 'GET',
    path: '/wallets/cards/{card_id}/transactions',
    access: 'cards:read',
    summary: 'List a card’s transactions, oldest first',
    query: listTransactionsQuerySchema,
    dintero: { status: 'supported', notes: 'Adds kind (fund, drawdown, reservation, capture, void, reversal, write_off) beside the contract’s type.' },
  },
  'cards.tokens': {
    method: 'POST',
    path: '/wallets/cards/{card_id}/tokens',
    access: 'cards:write',
    summary: 'Create a temporary card code that pays from the card (expires_in, expires_after_transaction); its value is returned once',
    body: createCardTokenSchema,
    dintero: {
      status: 'supported',
      notes:
        'Without format the code is DINCARD: + a random UUID, as Dintero’s default. The same ref_id and body on the same card replays the code WITHOUT its value (header idempotent-replayed: true, secrets_shown_once: true); another body is a 409. Refused (409) for an inactive or expired card. An expired code, or a single-use code that has paid, cannot pay (404 like an unknown token); a used single-use code still answers /info until it expires. Adds masked_code and expires_at.',
    },
  },
  'cards.rotate_pin': {
    method: 'POST',
    path: '/wallets/cards/{card_id}/rotate-pin',
    access: 'cards:write',
    summary: 'Rotate (or add) the PIN; the new PIN is returned once',
    body: rotatePinSchema,
    dintero: { status: 'supported' },
  },
  'customers.cards.list': {
    method: 'GET',
    path: '/wallets/customers/{customer_id}/cards',
    access: 'cards:read',
    summary: 'The customer’s cards (a bare array, as Dintero answers), oldest first; limit and starting_after as for GET /cards',
    query: customerCardsQuerySchema,
    respondsWithArray: true,
    dintero: {
      status: 'supported',
      notes: 'user:wallets (end-customer tokens) is not issued by Cardstock; admin, write and read scopes may read any customer’s cards.',
    },
  },
  'customers.cards.get': {
    method: 'GET',
    path: '/wallets/customers/{customer_id}/cards/{card_id}',
    access: 'cards:read',
    summary: 'One card of the customer (404 when the card is not theirs)',
    dintero: { status: 'supported' },
  },
  'cards.info': {
    method: 'POST',
    path: '/wallets/info',
    access: 'info',
    summary: 'Balance check by token, or card_id + PIN',
    body: cardInfoSchema,
    dintero: { status: 'supported', notes: 'A wrong PIN and an unknown card are the same 404; 5 wrong PINs in 15 minutes lock PIN checks (429).' },
  },
  'settings.get': {
    method: 'GET',
    path: '/wallets/settings',
    access: 'settings:read',
    summary: 'The account’s wallet settings ({} until something is set)',
    dintero: { status: 'supported' },
  },
  'settings.update': {
    method: 'PATCH',
    path: '/wallets/settings',
    access: 'settings:write',
    summary: 'Change the wallet settings (default_card_expires_in_days)',
    body: updateWalletSettingsSchema,
    dintero: { status: 'supported', notes: 'The same setting as the HQ settings page’s default validity.' },
  },
  'transactions.create': {
    method: 'POST',
    path: '/wallets/transactions',
    // The domain narrows further: card_id-based transactions and funds need write:wallets.
    access: 'transactions:token',
    summary: 'Drawdown (optionally pending) or fund; idempotent per ref_id',
    body: createTransactionSchema,
    dintero: {
      status: 'supported',
      notes: 'The same ref_id and body on the same card replays the original (header idempotent-replayed: true); another body is a 409.',
    },
  },
  'transactions.capture': {
    method: 'POST',
    path: '/wallets/transactions/{transaction_id}/capture',
    access: 'transactions:token',
    summary: 'Capture a pending drawdown, fully or partly',
    body: captureSchema,
    dintero: { status: 'supported' },
  },
  'transactions.void': {
    method: 'POST',
    path: '/wallets/transactions/{transaction_id}/void',
    access: 'transactions:token',
    summary: 'Void what is left of a pending drawdown',
    body: voidSchema,
    dintero: { status: 'supported' },
  },
  'hooks.subscriptions.create': {
    method: 'POST',
    path: '/hooks/subscriptions',
    access: 'hooks:manage',
    summary: 'Create a webhook subscription (Dintero Hooks API); sends a ping; the signing secret is returned once',
    body: createSubscriptionSchema,
    dintero: {
      status: 'supported',
      notes:
        'Dintero’s Hooks API, not the Wallet API. admin:wallets only. Events: wallet_transaction (every ledger row, payload {transaction}), cardstock_card_activated, cardstock_card_blocked, cardstock_card_unblocked, cardstock_card_expired, cardstock_print_run_ready, cardstock_secrets_released, cardstock_secrets_destroyed. config.secret: a string or {type: "HMAC-SHA1", value}, generated when absent; fields / exclude_fields are not supported (refused, 422). Private and loopback receivers are refused unless CARDSTOCK_WEBHOOK_ALLOW_PRIVATE=true.',
    },
  },
  'hooks.subscriptions.list': {
    method: 'GET',
    path: '/hooks/subscriptions',
    access: 'hooks:manage',
    summary: 'The account’s webhook subscriptions, oldest first (never their secrets)',
    dintero: { status: 'supported', notes: 'Adds health (ok | failing) and consecutive_failures.' },
  },
  'hooks.subscriptions.get': {
    method: 'GET',
    path: '/hooks/subscriptions/{hid}',
    access: 'hooks:manage',
    summary: 'One webhook subscription (never its secret)',
    dintero: { status: 'supported' },
  },
  'hooks.subscriptions.delete': {
    method: 'DELETE',
    path: '/hooks/subscriptions/{hid}',
    access: 'hooks:manage',
    summary: 'Delete a webhook subscription: nothing more is sent, queued deliveries are dropped, the log stays',
    dintero: { status: 'supported', notes: 'Answers the subscription with deleted_at and deleted_by.' },
  },
  'hooks.subscriptions.ping': {
    method: 'POST',
    path: '/hooks/subscriptions/{hid}/ping',
    access: 'hooks:manage',
    summary: 'Queue a ping event to the subscription (202 with its event_delivery id)',
    dintero: { status: 'supported', notes: 'Asynchronous: the outcome is in the delivery log.' },
  },
  'hooks.subscriptions.deliveries': {
    method: 'GET',
    path: '/hooks/subscriptions/{hid}/deliveries',
    access: 'hooks:manage',
    summary: 'The subscription’s delivery log, newest first: status, attempts, last HTTP status and latency',
    query: listDeliveriesQuerySchema,
    dintero: { status: 'extension' },
  },
  'hooks.subscriptions.deliveries.redeliver': {
    method: 'POST',
    path: '/hooks/subscriptions/{hid}/deliveries/{delivery_id}/redeliver',
    access: 'hooks:manage',
    summary: 'Queue a new attempt of a delivered or failed delivery, with the same event-delivery id and body (202 with the delivery)',
    dintero: {
      status: 'extension',
      notes: 'A delivery still queued or being sent is a conflict (409). Attempts keep counting; a manual attempt past the retry budget that fails is final.',
    },
  },
  'cardstock.cards.block': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/block',
    access: 'cards:write',
    summary:
      'Block a card (reason lost, stolen, suspected_fraud, damaged, customer_request or other; optional note): it then answers every drawdown, activation and balance check like an unknown card (404). Blocking a blocked card answers the same.',
    body: blockCardSchema,
    dintero: {
      status: 'extension',
      notes: 'The card keeps its contract status (inactive/unused/active) in every Wallet API answer; only this answer’s `blocked` object says it is blocked.',
    },
  },
  'cardstock.cards.unblock': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/unblock',
    access: 'cards:write',
    summary: 'Lift a block: the card is again exactly as it was. Unblocking a card that is not blocked answers the same.',
    body: unblockCardSchema,
    dintero: { status: 'extension' },
  },
  // HQ's controls (issue 12). Each takes a reason from a list, a note and a request_key: the same key
  // again answers the first result without a second effect. Their ledger rows appear in the card's
  // Wallet API transactions with the contract's `type` (fund when the balance grows, drawdown when it
  // shrinks) and Cardstock's `kind` (adjustment_credit, adjustment_debit, refund, transfer_in, transfer_out).
  'cardstock.cards.adjust': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/adjust',
    access: 'cards:admin',
    summary:
      'Adjust the balance by a signed amount (minor units; never an absolute balance) with a reason (till_error, goodwill, correction, migration, other) and a note. A debit larger than the available amount is refused (409 insufficient_funds). admin:wallets only.',
    body: adjustCardSchema,
    dintero: { status: 'extension', notes: 'The row is a `fund` (kind adjustment_credit) or a `drawdown` (kind adjustment_debit) in the card’s transactions.' },
  },
  'cardstock.cards.refund': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/refund',
    access: 'cards:admin',
    summary:
      'Refund (part of) a settled drawdown or capture of the card back onto it (transaction_id, amount, reason, note). The refunds of one drawdown never exceed it (409 refund_exceeds_drawdown). admin:wallets only.',
    body: refundCardSchema,
    dintero: { status: 'extension', notes: 'The row is a `fund` (kind refund) whose parent_id is the refunded drawdown.' },
  },
  'cardstock.cards.replace': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/replace',
    access: 'cards:write',
    summary:
      'Move the whole balance to new_card_id (an inactive card, or an unused empty one) in one transaction; this card ends blocked (reason replaced) with 0. Refused while it holds a reservation or after it expired.',
    body: replaceCardSchema,
    dintero: {
      status: 'extension',
      notes:
        'Two rows sharing metadata.transfer_id: a `drawdown` (kind transfer_out) on this card, a `fund` (kind transfer_in, parent_id the first) on the new one.',
    },
  },
  'cardstock.cards.expiry': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/expiry',
    access: 'cards:write',
    summary: 'Extend or shorten the expiry (expires_at, in the future) with a reason and a note; answers the old and the new date.',
    body: changeExpirySchema,
    dintero: { status: 'extension' },
  },
  'cardstock.cards.deactivate': {
    method: 'POST',
    path: '/cardstock/cards/{card_id}/deactivate',
    access: 'cards:admin',
    summary:
      'Deactivate the card for good: a remaining balance is written off (a write_off row, breakage in the reports) and the card answers like an unknown card from then on; it can never be unblocked. Refused while it holds a reservation. admin:wallets only.',
    body: deactivateCardSchema,
    dintero: { status: 'extension', notes: 'Replace the card first to keep its value.' },
  },
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;
export type Operation<N extends OperationName> = (typeof OPERATIONS)[N];

/** The Dintero Wallet endpoints of the contract (../shared/reference/dintero-wallet-api.md §1 and §9), for the compatibility table. */
export const DINTERO_ENDPOINTS: { method: HttpMethod; path: string; operation: OperationName | null; why?: string }[] = [
  { method: 'POST', path: '/wallets/cards', operation: 'cards.create' },
  { method: 'POST', path: '/wallets/cards/batch', operation: 'cards.batch' },
  { method: 'POST', path: '/wallets/cards/{card_id}/activate', operation: 'cards.activate' },
  { method: 'GET', path: '/wallets/cards', operation: 'cards.list' },
  { method: 'GET', path: '/wallets/cards/{card_id}', operation: 'cards.get' },
  { method: 'DELETE', path: '/wallets/cards/{card_id}', operation: 'cards.delete' },
  { method: 'POST', path: '/wallets/cards/{card_id}/tokens', operation: 'cards.tokens' },
  { method: 'POST', path: '/wallets/cards/{card_id}/rotate-pin', operation: 'cards.rotate_pin' },
  { method: 'GET', path: '/wallets/cards/{card_id}/transactions', operation: 'cards.transactions' },
  { method: 'GET', path: '/wallets/customers/{customer_id}/cards', operation: 'customers.cards.list' },
  { method: 'GET', path: '/wallets/customers/{customer_id}/cards/{card_id}', operation: 'customers.cards.get' },
  { method: 'POST', path: '/wallets/info', operation: 'cards.info' },
  { method: 'POST', path: '/wallets/transactions', operation: 'transactions.create' },
  { method: 'POST', path: '/wallets/transactions/{transaction_id}/capture', operation: 'transactions.capture' },
  { method: 'POST', path: '/wallets/transactions/{transaction_id}/void', operation: 'transactions.void' },
  { method: 'GET', path: '/wallets/settings', operation: 'settings.get' },
  { method: 'PATCH', path: '/wallets/settings', operation: 'settings.update' },
  // Dintero's Hooks API (§9.3): not a wallet endpoint, but Dintero's, so served unchanged.
  { method: 'POST', path: '/hooks/subscriptions', operation: 'hooks.subscriptions.create' },
  { method: 'GET', path: '/hooks/subscriptions', operation: 'hooks.subscriptions.list' },
  { method: 'GET', path: '/hooks/subscriptions/{hid}', operation: 'hooks.subscriptions.get' },
  { method: 'DELETE', path: '/hooks/subscriptions/{hid}', operation: 'hooks.subscriptions.delete' },
  { method: 'POST', path: '/hooks/subscriptions/{hid}/ping', operation: 'hooks.subscriptions.ping' },
];
