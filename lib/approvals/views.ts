import type { ApprovalRequest } from '@/lib/generated/prisma/client';

export type ApprovalStatusView = 'pending' | 'approved' | 'rejected' | 'expired' | 'executed';

/**
 * A request as HQ shows it. A pending request past its expiry reads `expired` even before the
 * sweeper (expire-requests.ts) has written that, because it can no longer be approved.
 */
export function approvalView(row: ApprovalRequest, describe: (ref: string) => string, now = new Date()) {
  const status: ApprovalStatusView = row.status === 'PENDING' && row.expiresAt <= now ? 'expired' : (row.status.toLowerCase() as ApprovalStatusView);
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    payload: row.payload,
    reason: row.reason,
    status,
    requestedBy: row.requestedBy,
    requestedByName: describe(row.requestedBy),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    approvedBy: row.approvedBy,
    approvedByName: row.approvedBy ? describe(row.approvedBy) : null,
    approvedAt: row.approvedAt,
    rejectedByName: row.rejectedBy ? describe(row.rejectedBy) : null,
    rejectedAt: row.rejectedAt,
    decisionNote: row.decisionNote,
    executedAt: row.executedAt,
  };
}
export type ApprovalView = ReturnType<typeof approvalView>;
