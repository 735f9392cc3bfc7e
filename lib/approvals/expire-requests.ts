import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { approvalAudit } from './audit';

const SYSTEM = { type: 'SYSTEM' as const, id: 'approval-expiry' };

/**
 * Marks pending requests past their expiry as expired and audits each (the worker calls this
 * periodically; approving an expired request does it for that one). A conditional UPDATE, so a
 * request approved in the same instant is either approved or expired, never both.
 */
export async function expireApprovalRequests(now = new Date(), options: { requestId?: string; tx?: DbTx } = {}): Promise<number> {
  const run = async (tx: DbTx) => {
    const only = options.requestId ? Prisma.sql`AND id = ${options.requestId}::uuid` : Prisma.empty;
    const expired = await tx.$queryRaw<{ id: string; account_id: string; kind: string; subject: string }[]>`
      UPDATE approval_requests SET status = 'EXPIRED'
      WHERE status = 'PENDING' AND expires_at <= ${now} ${only}
      RETURNING id, account_id, kind, subject`;
    for (const row of expired) {
      const base = approvalAudit({ accountId: row.account_id, actor: SYSTEM, requestId: row.id, kind: row.kind, subject: row.subject });
      await recordAuditEvent({ ...base, action: 'approval.expired' }, tx);
    }
    return expired.length;
  };
  return options.tx ? run(options.tx) : getDb().$transaction(run);
}
