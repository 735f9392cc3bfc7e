/**
 * The events a webhook subscription can ask for. `wallet_transaction` is Dintero's (sent when
 * gift cards are created and used: every ledger row); Cardstock's own events carry the
 * `cardstock_` prefix so a Dintero client never mistakes one for Dintero's. `ping` is sent when a
 * subscription is created and on request; it needs no subscription to it.
 */
export const WALLET_TRANSACTION = 'wallet_transaction';
export const CARD_ACTIVATED = 'cardstock_card_activated';
export const CARD_BLOCKED = 'cardstock_card_blocked';
export const CARD_UNBLOCKED = 'cardstock_card_unblocked';
export const PRINT_RUN_READY = 'cardstock_print_run_ready';
/** A card past its expiry had its available balance booked off (the expiry job's EXPIRY row). */
export const CARD_EXPIRED = 'cardstock_card_expired';
/** A print run's card secrets were released to the manufacturer (the confirmed one-time download). */
export const SECRETS_RELEASED = 'cardstock_secrets_released';
/** A print run's card secrets were destroyed unreleased (the retention deadline passed). */
export const SECRETS_DESTROYED = 'cardstock_secrets_destroyed';
export const PING = 'ping';

export const WEBHOOK_EVENTS = [
  WALLET_TRANSACTION,
  CARD_ACTIVATED,
  CARD_BLOCKED,
  CARD_UNBLOCKED,
  CARD_EXPIRED,
  PRINT_RUN_READY,
  SECRETS_RELEASED,
  SECRETS_DESTROYED,
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
