/**
 * Parses an amount typed by a person in major units ("500", "499,50", "499.50", "1 250,00")
 * into integer minor units by the currency's exponent — by string arithmetic, never floats.
 * Refuses anything ambiguous or odd ("1,2,3", "-5", "1e3", "", "12.345" in a 2-decimal currency).
 */
import { validationText } from '@/lib/i18n/validation-message';
import { CURRENCIES, type Currency } from './currencies';

export type ParseAmountResult = { ok: true; minor: number } | { ok: false; error: string };

export function parseMajorAmount(raw: string, currency: Currency, options: { maxMinor?: number } = {}): ParseAmountResult {
  return parseWithExponent(raw, CURRENCIES[currency].exponent, currency, options);
}

/**
 * The same parse for any ISO-4217 exponent (0 like JPY, 3 like KWD), so those rules are tested
 * before such a currency is ever added to the table.
 */
export function parseWithExponent(raw: string, exponent: number, currency: string, options: { maxMinor?: number } = {}): ParseAmountResult {
  // Spaces (incl. no-break and thin spaces) are thousands separators people type; drop them.
  const text = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { ok: false, error: validationText('enterAmount') };
  if (text.startsWith('-')) return { ok: false, error: validationText('amountNegative') };
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) return { ok: false, error: validationText('amountLike') };
  const [, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    return { ok: false, error: exponent === 0 ? validationText('noDecimals', { currency }) : validationText('atMostDecimals', { decimals: String(exponent) }) };
  }
  const minorText = `${whole}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  if (minorText.length > 15) return { ok: false, error: validationText('amountTooLarge') };
  const minor = Number(minorText);
  if (options.maxMinor !== undefined && minor > options.maxMinor) return { ok: false, error: validationText('amountTooLarge') };
  return { ok: true, minor };
}
