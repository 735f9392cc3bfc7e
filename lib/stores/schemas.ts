import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { LOCALES } from '@/lib/i18n/locales';
import { CURRENCY_CODES } from '@/lib/money/currencies';

/** A store's receipt language: one of the UI's, or '' (null) for the account's default. */
const storeLocale = z.union([z.enum(LOCALES), z.literal('')], { message: validationText('chooseLanguage') }).transform((v) => (v === '' ? null : v));

export const createStoreSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, validationText('atLeastChars', { min: '2' }))
    .max(120, validationText('atMostChars', { max: '120' })),
  currency: z.enum(CURRENCY_CODES, { message: validationText('chooseCurrency') }),
  locale: storeLocale.optional(),
});
export type CreateStoreInput = z.infer<typeof createStoreSchema>;

export const setStoreDisabledSchema = z.object({
  storeId: z.string().uuid(),
  isDisabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .or(z.boolean()),
});
export type SetStoreDisabledInput = z.infer<typeof setStoreDisabledSchema>;

export const setStoreLocaleSchema = z.object({ storeId: z.string().uuid(), locale: storeLocale });
export type SetStoreLocaleInput = z.output<typeof setStoreLocaleSchema>;
