import { CURRENCIES, type Currency } from './currencies';

/** Formats integer minor units for display, with the currency's own number of decimals. */
export function formatMoney(amountMinor: bigint | number, currency: string, locale = 'nb-NO'): string {
  const exponent = CURRENCIES[currency as Currency]?.exponent ?? 2;
  const minor = BigInt(amountMinor);
  const divisor = BigInt(10) ** BigInt(exponent);
  const negative = minor < BigInt(0);
  const abs = negative ? -minor : minor;
  const whole = abs / divisor;
  const fraction = (abs % divisor).toString().padStart(exponent, '0');
  // Intl formats the decimal string exactly (no float division): "1234.50" → "kr 1 234,50".
  const decimal = `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
  return new Intl.NumberFormat(locale, {
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
