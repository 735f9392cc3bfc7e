import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request of the actor's own account, or NOT_FOUND (another account's looks like none). */
export async function findRequest(actor: UserActor, requestId: string) {
  const row = UUID.test(requestId) ? await getDb().approvalRequest.findFirst({ where: { id: requestId, accountId: actor.accountId } }) : null;
  if (!row) throw new AppError('NOT_FOUND', 'Approval request not found.', undefined, userMessage('approvalNotFound'));
  return row;
}
