/**
 * Four-eyes on the one-time print-file release (lib/print-runs/release-secrets.ts): a run of more
 * cards than the account's threshold can be downloaded only after a second HQ admin approved a
 * request for it — never the requester, never whoever ordered the run — and the approver cannot
 * be the one who downloads. The approval is consumed (EXECUTED) when the release is confirmed.
 */
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { ApprovalRequest, Batch } from '@/lib/generated/prisma/client';
import { approvalAudit } from './audit';
import { getDualControlSettings, needsPrintReleaseApproval } from './dual-control-settings';
import { userMessage, type UserMessage } from '@/lib/i18n/user-message';

export const printReleaseSubject = (batchId: string) => `batch:${batchId}`;

export type PrintReleaseGate =
  | { required: false }
  | {
      required: true;
      threshold: number;
      /** The latest request for this run, if any. */
      request: ApprovalRequest | null;
      /** Whether THIS admin may download now. */
      canDownload: boolean;
      /** Why not: no approved request yet, or this admin is its approver. */
      refusal: { reason: 'approval_required' | 'approver_cannot_download'; message: string; userMessage: UserMessage } | null;
    };

/** The gate for `viewer` on `batch`, as of now. */
export async function getPrintReleaseGate(
  viewer: UserActor,
  batch: Pick<Batch, 'id' | 'accountId' | 'quantity'>,
  db: DbTx = getDb(),
): Promise<PrintReleaseGate> {
  const settings = await getDualControlSettings(batch.accountId, db);
  if (!needsPrintReleaseApproval(settings, batch.quantity)) return { required: false };
  const request = await db.approvalRequest.findFirst({
    where: { accountId: batch.accountId, kind: 'print_release', subject: printReleaseSubject(batch.id) },
    orderBy: { createdAt: 'desc' },
  });
  const isGranted = request?.status === 'APPROVED' || request?.status === 'EXECUTED';
  let refusal: Extract<PrintReleaseGate, { required: true }>['refusal'] = null;
  if (!isGranted) {
    refusal = {
      reason: 'approval_required',
      message: `Print runs of more than ${settings.printReleaseMaxCards.toLocaleString('en-US')} cards need a second HQ admin's approval before the print file can be downloaded.`,
      userMessage: userMessage('releaseNeedsApproval', { max: settings.printReleaseMaxCards.toLocaleString('en-US') }),
    };
  } else if (request.approvedBy === actorRef(viewer)) {
    refusal = {
      reason: 'approver_cannot_download',
      message: 'You approved this release, so another admin must download the print file.',
      userMessage: userMessage('approverCannotDownload'),
    };
  }
  return { required: true, threshold: settings.printReleaseMaxCards, request, canDownload: refusal === null, refusal };
}

/** In the confirmation's transaction: the approval of this run's release has now been carried out (audited once). */
export async function consumePrintReleaseApproval(tx: DbTx, accountId: string, batchId: string, actor: { type: 'USER'; id: string }): Promise<void> {
  const grant = await tx.approvalRequest.findFirst({ where: { accountId, kind: 'print_release', subject: printReleaseSubject(batchId), status: 'APPROVED' } });
  if (!grant) return;
  const { count } = await tx.approvalRequest.updateMany({ where: { id: grant.id, status: 'APPROVED' }, data: { status: 'EXECUTED', executedAt: new Date() } });
  if (count === 1) {
    const base = approvalAudit({ accountId, actor, requestId: grant.id, kind: grant.kind, subject: grant.subject });
    await recordAuditEvent({ ...base, action: 'approval.executed', data: { ...base.data, approved_by: grant.approvedBy } }, tx);
  }
}
