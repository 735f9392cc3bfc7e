import { INTL_LOCALES, isLocale, type Locale } from '@/lib/i18n/locales';
import { CURRENCIES, type Currency } from './currencies';

/**
 * Formats integer minor units for people to read, in their language (nb: "1 499,50 kr", en:
 * "NOK 1,499.50"), with the currency's own number of decimals. `locale` is the UI language (or a
 * BCP 47 tag); it is required, so no page can fall back to one country's style by forgetting it.
 * Exports and the API never format money: they carry minor units.
 */
export function formatMoney(amountMinor: bigint | number, currency: string, locale: Locale | (string & {})): string {
  const tag = isLocale(locale) ? INTL_LOCALES[locale] : locale;
  const exponent = CURRENCIES[currency as Currency]?.exponent ?? 2;
  const minor = BigInt(amountMinor);
  const divisor = BigInt(10) ** BigInt(exponent);
  const negative = minor < BigInt(0);
  const abs = negative ? -minor : minor;
  const whole = abs / divisor;
  const fraction = (abs % divisor).toString().padStart(exponent, '0');
  // Intl formats the decimal string exactly (no float division): "1234.50" → "kr 1 234,50".
  const decimal = `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
  return new Intl.NumberFormat(tag, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal as Intl.StringNumericLiteral);
}

/** Minor units as a person would type them back into an amount field: 20000 → "200", 49950 → "499,50". */
export function formatAmountInput(amountMinor: number, currency: string): string {
  const exponent = CURRENCIES[currency as Currency]?.exponent ?? 2;
  const divisor = 10 ** exponent;
  const whole = Math.floor(amountMinor / divisor);
  const fraction = amountMinor % divisor;
  return fraction === 0 ? String(whole) : `${whole},${String(fraction).padStart(exponent, '0')}`;
}
