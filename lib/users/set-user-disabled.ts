import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { SetUserDisabledInput } from './schemas';

/**
 * Disables or re-enables a user of the actor's account. A disabled user cannot sign in and loses
 * any open session at their next request. Admins cannot disable themselves (no lock-out).
 */
export async function setUserDisabled(actor: UserActor, input: SetUserDisabledInput) {
  assertCan(actor, 'users:manage');
  if (input.userId === actor.userId && input.isDisabled) {
    throw new AppError('CONFLICT', 'You cannot disable your own account.', undefined, userMessage('cannotDisableSelf'));
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: input.userId, accountId: actor.accountId },
      data: { isDisabled: input.isDisabled },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'User not found', undefined, userMessage('userNotFound'));
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: input.isDisabled ? 'user.disable' : 'user.enable',
        target: { type: 'user', id: input.userId },
      },
      tx,
    );
  });
}
