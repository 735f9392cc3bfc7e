import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { ApprovalRequest } from '@/lib/generated/prisma/client';
import { approvalAudit } from './audit';
import { expireApprovalRequests } from './expire-requests';
import { findRequest } from './find-request';
import type { ApprovalKind } from './kinds';
import { APPROVAL_REGISTRY } from './registry';
import type { DecideApprovalInput } from './schemas';

/**
 * A second HQ admin approves a request. Never the requester, nor anyone the request excludes
 * (e.g. whoever ordered the print run), and only someone who could take the step themselves.
 *
 * Exactly once: one conditional UPDATE (status PENDING and not expired → APPROVED) decides; a
 * second approval racing it waits for its row lock, then finds it no longer pending and is
 * refused (CONFLICT). The kind's executor runs in that same transaction, so the change happens
 * with the approval or not at all (a failing executor leaves the request pending). Every step
 * is audited. An expired request is marked expired (audited) and refused.
 */
export async function approveRequest(actor: UserActor, input: DecideApprovalInput) {
  assertCan(actor, 'approvals:decide');
  const request = await findRequest(actor, input.requestId);
  const spec = APPROVAL_REGISTRY[request.kind as ApprovalKind];
  if (!spec) throw new Error(`approval request ${request.id} has unknown kind ${request.kind}`);
  if (!can(actor.role, spec.permission)) throw new AppError('FORBIDDEN', 'You do not have permission to do that.', undefined, userMessage('forbidden'));
  const me = actorRef(actor);
  if (request.requestedBy === me)
    throw new AppError('FORBIDDEN', 'You cannot approve your own request: another admin must.', undefined, userMessage('cannotApproveOwn'));
  if (request.excludedApprovers.includes(me))
    throw new AppError('FORBIDDEN', 'You took part in this step, so another admin must approve it.', undefined, userMessage('tookPartInStep'));
  if (request.status === 'PENDING' && request.expiresAt <= new Date()) {
    await expireApprovalRequests(new Date(), { requestId: request.id });
    throw new AppError('CONFLICT', 'This request has expired; ask for a new one.', undefined, userMessage('requestExpired'));
  }
  if (request.status !== 'PENDING')
    throw new AppError(
      'CONFLICT',
      `This request was already ${request.status.toLowerCase()}.`,
      undefined,
      userMessage('requestAlreadyDecided', { status: request.status.toLowerCase() }),
    );

  const who = auditActor(actor);
  const done = await getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE approval_requests SET status = 'APPROVED', approved_by = ${me}, approved_at = now(), decision_note = ${input.note}
      WHERE id = ${request.id}::uuid AND account_id = ${actor.accountId} AND status = 'PENDING' AND expires_at > now()
        AND requested_by <> ${me} AND NOT (${me} = ANY(excluded_approvers))
      RETURNING id`;
    if (rows.length === 0) return null;
    const base = approvalAudit({ accountId: actor.accountId, actor: who, requestId: request.id, kind: request.kind, subject: request.subject });
    await recordAuditEvent({ ...base, action: 'approval.approved', data: { ...base.data, note: input.note, requested_by: request.requestedBy } }, tx);
    if (spec.execute) {
      await spec.execute(tx, { request, approver: actor, approverAudit: who });
      await tx.approvalRequest.update({ where: { id: request.id }, data: { status: 'EXECUTED', executedAt: new Date() } });
      await recordAuditEvent({ ...base, action: 'approval.executed', data: { ...base.data, requested_by: request.requestedBy, approved_by: me } }, tx);
    }
    return tx.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
  });
  if (!done) throw new AppError('CONFLICT', 'This request was decided meanwhile, or has expired.', undefined, userMessage('decidedMeanwhile'));
  return done satisfies ApprovalRequest;
}
