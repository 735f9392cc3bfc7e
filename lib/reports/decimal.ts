import { CURRENCIES, type Currency } from '@/lib/money/currencies';

/** Minor units as a plain decimal in major units for files ("1234.50", "-0.05"): exact, no floats. */
export function toDecimal(minor: bigint, currency: string): string {
  const exponent = CURRENCIES[currency as Currency]?.exponent ?? 2;
  const negative = minor < BigInt(0);
  const abs = negative ? -minor : minor;
  const divisor = BigInt(10) ** BigInt(exponent);
  const whole = (abs / divisor).toString();
  const fraction = exponent > 0 ? `.${(abs % divisor).toString().padStart(exponent, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
