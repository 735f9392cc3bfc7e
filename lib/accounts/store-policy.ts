/**
 * The store-counter policy HQ sets for the whole account (Account columns): quick-pick amounts,
 * limits per card, default validity and the chain's time zone. Amounts are minor units in each
 * store's own currency. No imports, so client components may use these constants and types.
 */
/** How many quick-pick amounts the counter shows (one form field each). */
export const MAX_DENOMINATIONS = 6;
export const DENOMINATION_FIELDS = Array.from({ length: MAX_DENOMINATIONS }, (_, i) => `denomination${i + 1}`);
export const MAX_EXPIRY_MONTHS = 600;

export interface StorePolicy {
  /** Minor units, ascending, no duplicates. */
  denominations: number[];
  minAmount: number | null;
  maxAmount: number | null;
  /** null: cards activated at a store never expire unless the clerk sets a date. */
  expiryMonths: number | null;
  timeZone: string;
}
