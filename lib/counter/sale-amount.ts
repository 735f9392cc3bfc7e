/**
 * The counter's sale-amount rule: what a clerk may type as a card's amount, given the account's
 * policy (lib/accounts/store-policy.ts) — above zero, within the per-card minimum and maximum, no
 * more than any card may hold. Pure: the counter's form checks it before the server does, the
 * store page offers only the denominations it allows, and activateAtStore enforces it.
 */
import { MAX_AMOUNT_MINOR } from '@/lib/money/limits';
import { formatMoney } from '@/lib/money/format';
import { userMessage, type UserMessage } from '@/lib/i18n/user-message';
import type { Currency } from '@/lib/money/currencies';
import { parseMajorAmount } from '@/lib/money/parse';

export interface SaleAmountLimits {
  minAmount: number | null;
  maxAmount: number | null;
}

/** `error` in English (the API's words); `userMessage` for the UI, when the rule has one. */
export type SaleAmountResult = { ok: true; minor: number } | { ok: false; error: string; userMessage?: UserMessage };

/** Whether `minor` lies within the policy's per-card limits. */
export function isWithinSaleLimits(minor: number, limits: SaleAmountLimits): boolean {
  return (limits.minAmount === null || minor >= limits.minAmount) && (limits.maxAmount === null || minor <= limits.maxAmount);
}

/** The typed amount in minor units, or the message to show beside the amount field. */
export function checkSaleAmount(raw: string, currency: Currency, limits: SaleAmountLimits): SaleAmountResult {
  const parsed = parseMajorAmount(raw, currency, { maxMinor: MAX_AMOUNT_MINOR });
  if (!parsed.ok) return parsed;
  if (parsed.minor === 0) return { ok: false, error: 'Enter an amount above zero' };
  if (limits.minAmount !== null && parsed.minor < limits.minAmount)
    return {
      ok: false,
      error: `The smallest amount per card is ${formatMoney(limits.minAmount, currency, 'en')}`,
      userMessage: userMessage('amountTooSmall', { amount: { money: limits.minAmount, currency } }),
    };
  if (limits.maxAmount !== null && parsed.minor > limits.maxAmount)
    return {
      ok: false,
      error: `The largest amount per card is ${formatMoney(limits.maxAmount, currency, 'en')}`,
      userMessage: userMessage('amountTooLarge', { amount: { money: limits.maxAmount, currency } }),
    };
  return parsed;
}

/** The policy's denominations a clerk may sell (those within the limits), for the quick-pick buttons. */
export function sellableDenominations(denominations: readonly number[], limits: SaleAmountLimits): number[] {
  return denominations.filter((d) => isWithinSaleLimits(d, limits));
}
