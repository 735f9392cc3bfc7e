import { hashPassword } from '@/lib/auth/password';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { CURRENCY_CODES } from '@/lib/money/currencies';
import { z } from 'zod';
import { emailSchema, newPasswordSchema } from './schemas';

export const accountIdSchema = z.string().regex(/^[PT]\d{8}$/, 'Account ids are P or T followed by 8 digits, e.g. P00000001');

export const createFirstAdminSchema = z.object({
  email: emailSchema,
  accountId: accountIdSchema,
  accountName: z.string().trim().min(1).max(255).optional(),
  currency: z.enum(CURRENCY_CODES).default('NOK'),
  password: newPasswordSchema,
});
export type CreateFirstAdminInput = z.infer<typeof createFirstAdminSchema>;

/**
 * Bootstraps an installation from the command line (no signed-in actor exists yet): creates the
 * account if it is new, then an HQ admin in it. Refuses an email that is already taken.
 */
export async function createFirstAdmin(db: PrismaClient, input: CreateFirstAdminInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const account = await tx.account.upsert({
        where: { id: input.accountId },
        create: { id: input.accountId, name: input.accountName ?? input.accountId, defaultCurrency: input.currency },
        update: {},
      });
      const user = await tx.user.create({
        data: { accountId: account.id, email: input.email, role: 'HQ_ADMIN', passwordHash },
        select: { id: true, email: true, accountId: true },
      });
      await recordAuditEvent(
        {
          accountId: account.id,
          actor: { type: 'SYSTEM', id: 'admin:create' },
          action: 'user.create',
          target: { type: 'user', id: user.id },
          data: { email: user.email, role: 'HQ_ADMIN' },
        },
        tx,
      );
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A user with the email ${input.email} already exists.`);
    throw error;
  }
}
