import { z } from 'zod';
import { SCOPES } from '@/lib/auth/scopes';

export const createApiClientSchema = z.object({
  name: z.string().trim().min(2, 'Use at least 2 characters').max(120, 'Use at most 120 characters'),
  clientId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Use 3–64 lower-case letters, digits, dots, dashes or underscores'),
  scope: z.enum(SCOPES, { message: 'Choose a scope' }),
  /** A till's store (empty: none — a web shop or an ERP). */
  storeId: z
    .union([z.literal(''), z.uuid({ message: 'Choose a store' })])
    .optional()
    .transform((id) => id || null),
});
export type CreateApiClientInput = z.infer<typeof createApiClientSchema>;

export const revokeApiClientSchema = z.object({ apiClientId: z.string().uuid() });
export type RevokeApiClientInput = z.infer<typeof revokeApiClientSchema>;
