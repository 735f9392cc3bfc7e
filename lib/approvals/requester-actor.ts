/**
 * The requester of an approved request as the actor its change runs for (the ledger row's
 * created_by, the change's audit actor): the user as they are now, in the same account.
 */
import type { UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import type { ApprovalRequest } from '@/lib/generated/prisma/client';

export async function requesterActor(tx: DbTx, request: ApprovalRequest): Promise<UserActor> {
  const userId = request.requestedBy.startsWith('user:') ? request.requestedBy.slice('user:'.length) : request.requestedBy;
  const user = await tx.user.findFirstOrThrow({ where: { id: userId, accountId: request.accountId }, include: { account: true, store: true } });
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    accountId: user.accountId,
    accountName: user.account.name,
    storeId: user.storeId,
    storeName: user.store?.name ?? null,
  };
}
