import { z } from 'zod';
import { CURRENCY_CODES } from '@/lib/money/currencies';

export const createStoreSchema = z.object({
  name: z.string().trim().min(2, 'Use at least 2 characters').max(120, 'Use at most 120 characters'),
  currency: z.enum(CURRENCY_CODES, { message: 'Choose a currency' }),
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
