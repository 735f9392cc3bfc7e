/**
 * The store-counter policy HQ sets for the whole account (Account columns): quick-pick amounts,
 * limits per card, default validity and the chain's time zone. Amounts are minor units in each
 * store's own currency. The default validity is the wallet settings' (lib/wallet-settings). No
 * imports, so client components may use these constants and types.
 */
/** How many quick-pick amounts the counter shows (one form field each). */
export const MAX_DENOMINATIONS = 6;
export const DENOMINATION_FIELDS = Array.from({ length: MAX_DENOMINATIONS }, (_, i) => `denomination${i + 1}`);
/** 100 years: far above any gift card's validity. */
export const MAX_DEFAULT_EXPIRY_DAYS = 36_600;

export interface StorePolicy {
  /** Minor units, ascending, no duplicates. */
  denominations: number[];
  minAmount: number | null;
  maxAmount: number | null;
  /**
   * Default validity in days — the Wallet API's `default_card_expires_in_days` (one setting);
   * null: cards activated at a store never expire unless the clerk sets a date.
   */
  expiryDays: number | null;
  timeZone: string;
}
