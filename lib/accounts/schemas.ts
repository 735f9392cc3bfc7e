/**
 * The store-counter policy HQ configures (Account columns), as HQ's settings form sends it:
 * amounts typed in major units of the account's currency, turned into minor units with the same
 * parser the counter uses. Every field's error is reported at once.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { MAX_AMOUNT_MINOR } from '@/lib/cards/schemas';
import { LOCALES } from '@/lib/i18n/locales';
import { CURRENCY_CODES } from '@/lib/money/currencies';
import { parseMajorAmount } from '@/lib/money/parse';
import { isValidTimeZone } from '@/lib/time/zoned';
import { DENOMINATION_FIELDS, MAX_DEFAULT_EXPIRY_DAYS, type StorePolicy } from './store-policy';

const text = z
  .string()
  .trim()
  .max(40, validationText('atMostChars', { max: '40' }))
  .optional()
  .default('');

export const updateStorePolicySchema = z
  .object({
    /** The unit the amounts are typed in (the account's currency; all have the same exponent). */
    currency: z.enum(CURRENCY_CODES, { message: validationText('chooseCurrency') }),
    ...Object.fromEntries(DENOMINATION_FIELDS.map((f) => [f, text])),
    minAmount: text,
    maxAmount: text,
    expiryDays: text,
    timeZone: z.string().trim().min(1, validationText('chooseTimeZone')).max(64),
  })
  .transform((v, ctx): StorePolicy => {
    const values = v as unknown as Record<string, string>;
    const amount = (field: string): number | null => {
      const raw = values[field] ?? '';
      if (raw === '') return null;
      const parsed = parseMajorAmount(raw, v.currency, { maxMinor: MAX_AMOUNT_MINOR });
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path: [field], message: parsed.error });
        return null;
      }
      if (parsed.minor <= 0) {
        ctx.addIssue({ code: 'custom', path: [field], message: validationText('amountAboveZero') });
        return null;
      }
      return parsed.minor;
    };
    const minAmount = amount('minAmount');
    const maxAmount = amount('maxAmount');
    if (minAmount !== null && maxAmount !== null && minAmount > maxAmount) {
      ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: validationText('maxBelowMin') });
    }
    const denominations = new Set<number>();
    for (const field of DENOMINATION_FIELDS) {
      const minor = amount(field);
      if (minor === null) continue;
      if (minAmount !== null && minor < minAmount) ctx.addIssue({ code: 'custom', path: [field], message: validationText('belowMinPerCard') });
      else if (maxAmount !== null && minor > maxAmount) ctx.addIssue({ code: 'custom', path: [field], message: validationText('aboveMaxPerCard') });
      else if (denominations.has(minor)) ctx.addIssue({ code: 'custom', path: [field], message: validationText('alreadyInList') });
      denominations.add(minor);
    }
    let expiryDays: number | null = null;
    if (v.expiryDays !== '') {
      expiryDays = /^\d+$/.test(v.expiryDays) ? Number(v.expiryDays) : NaN;
      if (!Number.isInteger(expiryDays) || expiryDays < 1 || expiryDays > MAX_DEFAULT_EXPIRY_DAYS) {
        ctx.addIssue({ code: 'custom', path: ['expiryDays'], message: validationText('expiryDaysRange', { max: String(MAX_DEFAULT_EXPIRY_DAYS) }) });
      }
    }
    if (!isValidTimeZone(v.timeZone)) ctx.addIssue({ code: 'custom', path: ['timeZone'], message: validationText('chooseTimeZoneFromList') });
    return { denominations: [...denominations].sort((a, b) => a - b), minAmount, maxAmount, expiryDays, timeZone: v.timeZone };
  });
export type UpdateStorePolicyInput = z.output<typeof updateStorePolicySchema>;

/** The account's default UI language (users without their own choice; stores without a receipt language). */
export const setDefaultLocaleSchema = z.object({ locale: z.enum(LOCALES, validationText('chooseLanguage')) });
export type SetDefaultLocaleInput = z.output<typeof setDefaultLocaleSchema>;
