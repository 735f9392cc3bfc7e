import type { AuditEventInput } from '@/lib/audit/record-audit-event';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbTx } from '@/lib/db/client';
import { getDualControlSettings, type DualControlSettings } from './dual-control-settings';

/**
 * Writes the dual-control settings in the caller's transaction and audits old and new values.
 * Only through updateDualControlSettings (a stricter change) or the approval of a request
 * (registry.ts), which names the approver.
 */
export async function applyDualControlSettings(
  tx: DbTx,
  change: { accountId: string; settings: DualControlSettings; by: string; actor: AuditEventInput['actor']; approvalRequestId?: string; approvedBy?: string },
): Promise<DualControlSettings> {
  const before = await getDualControlSettings(change.accountId, tx);
  const data = {
    printReleaseMaxCards: change.settings.printReleaseMaxCards,
    amountThresholds: change.settings.amountThresholds,
    bulkExpiryNeedsApproval: change.settings.bulkExpiryNeedsApproval,
    updatedAt: new Date(),
    updatedBy: change.by,
  };
  await tx.dualControlSettings.upsert({ where: { accountId: change.accountId }, create: { accountId: change.accountId, ...data }, update: data });
  await recordAuditEvent(
    {
      accountId: change.accountId,
      actor: change.actor,
      action: 'account.dual_control_settings_update',
      target: { type: 'account', id: change.accountId },
      data: {
        before,
        after: change.settings,
        ...(change.approvalRequestId ? { approval_request_id: change.approvalRequestId, approved_by: change.approvedBy ?? null } : {}),
      },
    },
    tx,
  );
  return change.settings;
}
