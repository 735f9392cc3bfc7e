/**
 * The events a webhook subscription can ask for. `wallet_transaction` is Dintero's (sent when
 * gift cards are created and used: every ledger row); Cardstock's own events carry the
 * `cardstock_` prefix so a Dintero client never mistakes one for Dintero's. `ping` is sent when a
 * subscription is created and on request; it needs no subscription to it.
 */
export const WALLET_TRANSACTION = 'wallet_transaction';
export const CARD_ACTIVATED = 'cardstock_card_activated';
export const PRINT_RUN_READY = 'cardstock_print_run_ready';
export const PING = 'ping';

export const WEBHOOK_EVENTS = [WALLET_TRANSACTION, CARD_ACTIVATED, PRINT_RUN_READY] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
