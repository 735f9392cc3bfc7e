/**
 * Currencies Cardstock accepts (the Wallet API's set) with their ISO-4217 minor-unit exponents.
 * Amounts are always integers in minor units; the exponent says how to show and parse them.
 */
export const CURRENCIES = {
  NOK: { exponent: 2, name: 'Norwegian krone' },
  SEK: { exponent: 2, name: 'Swedish krona' },
  DKK: { exponent: 2, name: 'Danish krone' },
  EUR: { exponent: 2, name: 'Euro' },
  USD: { exponent: 2, name: 'US dollar' },
} as const;

export type Currency = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [Currency, ...Currency[]];

export function isCurrency(code: string): code is Currency {
  return Object.hasOwn(CURRENCIES, code);
}
