import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { ApprovalRequest, Prisma } from '@/lib/generated/prisma/client';
import { approvalAudit } from './audit';
import { APPROVAL_TTL_MS, type ApprovalKind } from './kinds';

export interface NewApprovalRequest {
  kind: ApprovalKind;
  /** What it is about ("batch:<id>", "account:<id>", "card:<id>"): one pending request per kind and subject. */
  subject: string;
  /** What is to be done, in the kind's own shape (registry.ts); never a secret. */
  payload: Prisma.InputJsonObject;
  reason: string;
  /** Actor refs who may not approve besides the requester (e.g. whoever ordered the print run). */
  excludedApprovers?: string[];
}

/**
 * Opens a request for a second admin's approval, in the caller's transaction, and audits it.
 * Callers have authorized the actor for the step itself. A request of the same kind for the same
 * subject still waiting is a CONFLICT: an advisory lock on (account, kind, subject) makes the
 * check and the insert one step, so two clicks cannot open two requests.
 */
export async function requestApproval(tx: DbTx, actor: UserActor, input: NewApprovalRequest): Promise<ApprovalRequest> {
  const now = new Date();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`approval:${actor.accountId}:${input.kind}:${input.subject}`}))`;
  const waiting = await tx.approvalRequest.findFirst({
    where: { accountId: actor.accountId, kind: input.kind, subject: input.subject, status: 'PENDING', expiresAt: { gt: now } },
  });
  if (waiting) throw new AppError('CONFLICT', 'A request for this is already waiting for approval.', undefined, userMessage('alreadyWaiting'));
  const row = await tx.approvalRequest.create({
    data: {
      accountId: actor.accountId,
      kind: input.kind,
      subject: input.subject,
      payload: input.payload,
      reason: input.reason,
      requestedBy: actorRef(actor),
      excludedApprovers: input.excludedApprovers ?? [],
      createdAt: now,
      expiresAt: new Date(now.getTime() + APPROVAL_TTL_MS),
    },
  });
  const base = approvalAudit({ accountId: actor.accountId, actor: auditActor(actor), requestId: row.id, kind: row.kind, subject: row.subject });
  await recordAuditEvent({ ...base, action: 'approval.requested', data: { ...base.data, reason: row.reason, expires_at: row.expiresAt.toISOString() } }, tx);
  return row;
}
