import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { enabledStoreForClerk } from './clerk-store';
import type { AssignClerkStoreInput } from './schemas';

/** Moves a clerk to another enabled store of the same account. HQ admins only. */
export async function assignClerkStore(actor: UserActor, input: AssignClerkStoreInput) {
  assertCan(actor, 'users:manage');
  const db = getDb();
  const user = await db.user.findFirst({ where: { id: input.userId, accountId: actor.accountId } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found', undefined, userMessage('userNotFound'));
  if (user.role !== 'CLERK') throw new AppError('CONFLICT', 'Only clerks are assigned to a store.', undefined, userMessage('onlyClerksAssigned'));
  const store = await enabledStoreForClerk(db, actor.accountId, input.storeId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { storeId: store.id } });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'user.assign_store',
        target: { type: 'user', id: user.id },
        data: { fromStoreId: user.storeId, toStoreId: store.id },
      },
      tx,
    );
  });
}
