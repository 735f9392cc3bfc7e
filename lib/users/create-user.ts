import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { enabledStoreForClerk } from './clerk-store';
import type { CreateUserInput } from './schemas';

/**
 * Creates a user in the actor's account. HQ admins only. A clerk's store must be an enabled store
 * of the same account. Emails are unique across the installation.
 */
export async function createUser(actor: UserActor, input: CreateUserInput) {
  assertCan(actor, 'users:manage');
  const db = getDb();
  if (input.storeId) await enabledStoreForClerk(db, actor.accountId, input.storeId);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          accountId: actor.accountId,
          email: input.email,
          name: input.name,
          role: input.role,
          storeId: input.storeId,
          passwordHash,
        },
        select: { id: true, email: true, role: true, storeId: true },
      });
      await recordAuditEvent(
        {
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'user.create',
          target: { type: 'user', id: user.id },
          data: { email: user.email, role: user.role, storeId: user.storeId },
        },
        tx,
      );
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'CONFLICT',
        'A user with that email already exists',
        { fieldErrors: { email: ['A user with that email already exists'] } },
        userMessage('emailTaken'),
      );
    }
    throw error;
  }
}
