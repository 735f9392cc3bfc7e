import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { ROLES } from '@/lib/auth/permissions';
import { LOCALES } from '@/lib/i18n/locales';

export const emailSchema = z.string().trim().toLowerCase().email(validationText('validEmail')).max(254);

export const newPasswordSchema = z
  .string()
  .min(12, validationText('atLeastChars', { min: '12' }))
  .max(256, validationText('atMostChars', { max: '256' }));

const optionalId = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.string().uuid(validationText('chooseStore')).nullable());

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: z
      .string()
      .trim()
      .max(120, validationText('atMostChars', { max: '120' }))
      .default(''),
    role: z.enum(ROLES, { message: validationText('chooseRole') }),
    storeId: optionalId.default(null),
    password: newPasswordSchema,
  })
  .superRefine((value, ctx) => {
    if (value.role === 'CLERK' && !value.storeId) {
      ctx.addIssue({ code: 'custom', path: ['storeId'], message: validationText('clerkNeedsStore') });
    }
    if (value.role !== 'CLERK' && value.storeId) {
      ctx.addIssue({ code: 'custom', path: ['storeId'], message: validationText('onlyClerksHaveStore') });
    }
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const setUserDisabledSchema = z.object({
  userId: z.string().uuid(),
  isDisabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .or(z.boolean()),
});
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;

export const assignClerkStoreSchema = z.object({
  userId: z.string().uuid(),
  storeId: z.string().uuid(validationText('chooseStore')),
});
export type AssignClerkStoreInput = z.infer<typeof assignClerkStoreSchema>;

export const setUserLocaleSchema = z.object({ locale: z.enum(LOCALES, validationText('chooseLanguage')) });
export type SetUserLocaleInput = z.output<typeof setUserLocaleSchema>;
