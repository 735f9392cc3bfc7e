import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { SetStoreDisabledInput } from './schemas';

/**
 * Disables or re-enables a store. The clerks of a disabled store cannot sign in or act until it
 * is enabled again or they are moved to another store. HQ admins only.
 */
export async function setStoreDisabled(actor: UserActor, input: SetStoreDisabledInput) {
  assertCan(actor, 'stores:manage');
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.store.updateMany({
      where: { id: input.storeId, accountId: actor.accountId },
      data: { isDisabled: input.isDisabled },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'Store not found', undefined, userMessage('storeNotFound'));
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: input.isDisabled ? 'store.disable' : 'store.enable',
        target: { type: 'store', id: input.storeId },
      },
      tx,
    );
  });
}
