import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { approvalAudit } from './audit';
import { findRequest } from './find-request';
import type { DecideApprovalInput } from './schemas';

/**
 * Rejects a pending request, with a reason: any HQ admin of the account, the requester too (a
 * withdrawal). Saying no is always safe, so nobody is excluded. One conditional UPDATE: a request
 * approved meanwhile cannot also be rejected. Audited.
 */
export async function rejectRequest(actor: UserActor, input: DecideApprovalInput) {
  assertCan(actor, 'approvals:decide');
  const request = await findRequest(actor, input.requestId);
  const me = actorRef(actor);
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.approvalRequest.updateMany({
      where: { id: request.id, accountId: actor.accountId, status: 'PENDING', expiresAt: { gt: new Date() } },
      data: { status: 'REJECTED', rejectedBy: me, rejectedAt: new Date(), decisionNote: input.note },
    });
    if (count === 0)
      throw new AppError(
        'CONFLICT',
        'Only a pending request can be rejected; this one was decided meanwhile, or has expired.',
        undefined,
        userMessage('onlyPendingRejected'),
      );
    const base = approvalAudit({ accountId: actor.accountId, actor: auditActor(actor), requestId: request.id, kind: request.kind, subject: request.subject });
    await recordAuditEvent({ ...base, action: 'approval.rejected', data: { ...base.data, note: input.note, withdrawn: request.requestedBy === me } }, tx);
    return tx.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
  });
}
