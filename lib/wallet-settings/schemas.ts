import { z } from 'zod';
import { MAX_DEFAULT_EXPIRY_DAYS } from '@/lib/accounts/store-policy';

/** PATCH /wallets/settings: only the fields sent change; `null` clears one. */
export const updateWalletSettingsSchema = z
  .object({
    default_card_expires_in_days: z
      .number({ message: 'default_card_expires_in_days must be a whole number of days' })
      .int('default_card_expires_in_days must be a whole number of days')
      .min(0, 'default_card_expires_in_days must not be negative')
      .max(MAX_DEFAULT_EXPIRY_DAYS, `default_card_expires_in_days must be at most ${MAX_DEFAULT_EXPIRY_DAYS}`)
      .nullable()
      .optional(),
  })
  .strict();
export type UpdateWalletSettingsInput = z.infer<typeof updateWalletSettingsSchema>;
