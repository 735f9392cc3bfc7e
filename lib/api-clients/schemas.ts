import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { SCOPES } from '@/lib/auth/scopes';

export const createApiClientSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, validationText('atLeastChars', { min: '2' }))
    .max(120, validationText('atMostChars', { max: '120' })),
  clientId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, validationText('clientIdFormat')),
  scope: z.enum(SCOPES, { message: validationText('chooseScope') }),
  /** A till's store (empty: none — a web shop or an ERP). */
  storeId: z
    .union([z.literal(''), z.uuid({ message: validationText('chooseStore') })])
    .optional()
    .transform((id) => id || null),
});
export type CreateApiClientInput = z.infer<typeof createApiClientSchema>;

export const revokeApiClientSchema = z.object({ apiClientId: z.string().uuid() });
export type RevokeApiClientInput = z.infer<typeof revokeApiClientSchema>;
