import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { CURRENCY_CODES } from '@/lib/money/currencies';

/** A store's receipt language: one of the UI's, or '' (null) for the account's default. */
const storeLocale = z
  .union([z.enum(LOCALES), z.literal('')], { message: 'Choose a language' })
  .transform((v) => (v === '' ? null : v));

export const createStoreSchema = z.object({
  name: z.string().trim().min(2, 'Use at least 2 characters').max(120, 'Use at most 120 characters'),
  currency: z.enum(CURRENCY_CODES, { message: 'Choose a currency' }),
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
