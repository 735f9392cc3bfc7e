import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { LOCALES } from '@/lib/i18n/locales';

export const emailSchema = z.string().trim().toLowerCase().email('Enter a valid email address').max(254);

export const newPasswordSchema = z.string().min(12, 'Use at least 12 characters').max(256, 'Use at most 256 characters');

const optionalId = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.string().uuid('Choose a store').nullable());

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().max(120, 'Use at most 120 characters').default(''),
    role: z.enum(ROLES, { message: 'Choose a role' }),
    storeId: optionalId.default(null),
    password: newPasswordSchema,
  })
  .superRefine((value, ctx) => {
    if (value.role === 'CLERK' && !value.storeId) {
      ctx.addIssue({ code: 'custom', path: ['storeId'], message: 'A clerk must belong to a store' });
    }
    if (value.role !== 'CLERK' && value.storeId) {
      ctx.addIssue({ code: 'custom', path: ['storeId'], message: 'Only clerks belong to a store' });
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
  storeId: z.string().uuid('Choose a store'),
});
export type AssignClerkStoreInput = z.infer<typeof assignClerkStoreSchema>;

export const setUserLocaleSchema = z.object({ locale: z.enum(LOCALES, 'Choose a language') });
export type SetUserLocaleInput = z.output<typeof setUserLocaleSchema>;
