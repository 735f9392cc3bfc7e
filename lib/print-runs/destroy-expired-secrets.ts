import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';

/**
 * Destroys the sealed secrets of print runs whose release deadline has passed unreleased
 * (default 14 days after ordering). Returns the number of batches destroyed.
 */
export async function destroyExpiredSecrets(now = new Date()): Promise<number> {
  const db = getDb();
  const due = await db.batch.findMany({
    where: { secretsState: 'AWAITING_RELEASE', secretsDeadline: { lt: now }, status: { in: ['READY', 'FAILED'] } },
    select: { id: true, accountId: true },
  });
  for (const batch of due) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.batch.updateMany({
        where: { id: batch.id, secretsState: 'AWAITING_RELEASE' },
        data: { secretsState: 'DESTROYED', secretsDestroyedAt: now },
      });
      if (count === 0) return;
      await tx.secretVaultChunk.deleteMany({ where: { batchId: batch.id } });
      await recordAuditEvent(
        { accountId: batch.accountId, actor: { type: 'SYSTEM', id: 'secrets-retention' }, action: 'secrets.destroyed_unreleased', target: { type: 'batch', id: batch.id } },
        tx,
      );
    });
  }
  return due.length;
}
