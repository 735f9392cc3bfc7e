/**
 * What each kind of four-eyes request needs and does, keyed by kind (lib/approvals/README.md
 * shows how a new guarded operation plugs in):
 * - `permission`: what the approver must hold besides `approvals:decide` (the same permission the
 *   step itself needs, so approving never lets someone do more than they could themselves);
 * - `execute`: the approved change, run ONCE in the approval's own transaction (approve-request.ts),
 *   attributed to the requester, with the approver in its audit. A kind without `execute` (the
 *   print-file release: a stream, not a database change) is only marked approved; its guarded step
 *   checks for that approval and consumes it (consume-approval.ts).
 */
import type { AuditEventInput } from '@/lib/audit/record-audit-event';
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import type { DbTx } from '@/lib/db/client';
import type { ApprovalRequest } from '@/lib/generated/prisma/client';
import { adjustCardIn } from '@/lib/cards/adjust-card';
import { bulkExpirySchema, queueBulkExpiry } from '@/lib/cards/change-expiry-bulk';
import { adjustCardSchema, refundCardSchema } from '@/lib/cards/control-schemas';
import { refundCardIn } from '@/lib/cards/refund-card';
import { applyDualControlSettings } from './apply-dual-control-settings';
import { requesterActor } from './requester-actor';
import { dualControlSettingsSchema } from './dual-control-settings';
import type { ApprovalKind } from './kinds';

export interface ApprovalExecution {
  request: ApprovalRequest;
  approver: UserActor;
  /** The approver, for audit rows written by the change. */
  approverAudit: AuditEventInput['actor'];
}

export interface ApprovalKindSpec {
  permission: Permission;
  execute?: (tx: DbTx, execution: ApprovalExecution) => Promise<void>;
}

export const APPROVAL_REGISTRY: Record<ApprovalKind, ApprovalKindSpec> = {
  print_release: { permission: 'secrets:release' },
  dual_control_settings: {
    permission: 'settings:manage',
    async execute(tx, { request, approver, approverAudit }) {
      await applyDualControlSettings(tx, {
        accountId: request.accountId,
        settings: dualControlSettingsSchema.parse(request.payload),
        by: request.requestedBy,
        actor: approverAudit,
        approvalRequestId: request.id,
        approvedBy: `user:${approver.userId}`,
      });
    },
  },
  // The card's money controls above the amount threshold: run as the requester asked them, once.
  card_adjustment: {
    permission: 'cards:adjust',
    async execute(tx, { request }) {
      const { card_id: cardId, ...input } = request.payload as { card_id: string };
      await adjustCardIn(tx, await requesterActor(tx, request), cardId, adjustCardSchema.parse(input));
    },
  },
  card_refund: {
    permission: 'cards:refund',
    async execute(tx, { request }) {
      const { card_id: cardId, ...input } = request.payload as { card_id: string };
      await refundCardIn(tx, await requesterActor(tx, request), cardId, refundCardSchema.parse(input));
    },
  },
  bulk_expiry: {
    permission: 'cards:expiryBulk',
    async execute(tx, { request }) {
      await queueBulkExpiry(tx, await requesterActor(tx, request), bulkExpirySchema.parse(request.payload));
    },
  },
};
