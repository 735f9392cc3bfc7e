import { recordAuditEvent, type AuditEventInput } from '@/lib/audit/record-audit-event';
import type { DbTx } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

export type ApprovalAuditAction = 'approval.requested' | 'approval.approved' | 'approval.rejected' | 'approval.expired' | 'approval.executed';

/** One audit row per step of a request (requested, approved, rejected, expired, executed), on the request. */
export async function auditApprovalStep(
  tx: DbTx,
  step: { accountId: string; actor: AuditEventInput['actor']; action: ApprovalAuditAction; requestId: string; kind: string; subject: string },
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  await recordAuditEvent(
    {
      accountId: step.accountId,
      actor: step.actor,
      action: step.action,
      target: { type: 'approval_request', id: step.requestId },
      data: { kind: step.kind, subject: step.subject, ...data },
    },
    tx,
  );
}
