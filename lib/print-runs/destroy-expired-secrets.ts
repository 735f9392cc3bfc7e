import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { SECRETS_DESTROYED } from '@/lib/webhooks/events';
import { enqueueEvent } from '@/lib/webhooks/outbox';
import { RELEASE_LEASE_MS } from './release-secrets';

/**
 * Destroys the sealed secrets of print runs whose release deadline has passed unreleased
 * (CARDSTOCK_SECRETS_RETENTION_DAYS, default 14 days after ordering). Returns the number of batches destroyed.
 */
export async function destroyExpiredSecrets(now = new Date()): Promise<number> {
  const db = getDb();
  const due = await db.batch.findMany({
    where: { secretsState: 'AWAITING_RELEASE', secretsDeadline: { lt: now }, status: { in: ['READY', 'FAILED'] } },
    select: { id: true, accountId: true, quantity: true },
  });
  for (const batch of due) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.batch.updateMany({
        // A download in progress holds a lease (secretsReleasedAt); let it finish or fail first.
        where: {
          id: batch.id,
          secretsState: 'AWAITING_RELEASE',
          OR: [{ secretsReleasedAt: null }, { secretsReleasedAt: { lt: new Date(now.getTime() - RELEASE_LEASE_MS) } }],
        },
        data: { secretsState: 'DESTROYED', secretsDestroyedAt: now },
      });
      if (count === 0) return;
      await tx.secretVaultChunk.deleteMany({ where: { batchId: batch.id } });
      await recordAuditEvent(
        {
          accountId: batch.accountId,
          actor: { type: 'SYSTEM', id: 'secrets-retention' },
          action: 'secrets.destroyed_unreleased',
          target: { type: 'batch', id: batch.id },
        },
        tx,
      );
      await enqueueEvent(tx, batch.accountId, SECRETS_DESTROYED, {
        print_run: { id: batch.id, quantity: batch.quantity, secrets_state: 'destroyed', destroyed_at: now.toISOString() },
      });
    });
  }
  return due.length;
}
