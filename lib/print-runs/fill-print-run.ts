/**
 * The background half of a print run: creates its cards in chunks, each chunk (cards, hashed
 * secrets, sealed vault entries and the progress counter) in one transaction, so a restart
 * resumes after the last committed chunk. While filling, the batch is not READY and its cards
 * cannot be activated; a run that fails for good is marked FAILED with the reason and its cards
 * and vault are removed, leaving nothing half-visible.
 */
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { insertCardsWithSecrets } from '@/lib/cards/insert-cards';
import { issueSecrets } from '@/lib/cards/issue-secrets';
import { getDb } from '@/lib/db/client';
import type { SecretFormat } from '@/lib/secrets/format';
import { cardIdAt, type CardIdScheme } from './card-id-scheme';

export const FILL_CHUNK = 5_000;

interface Spec {
  scheme: CardIdScheme;
  pin_format: SecretFormat;
  token_format: SecretFormat;
}

/** Fills the batch from where it stands; `onChunk` runs after each committed chunk (lease renewal). */
export async function fillPrintRun(batchId: string, onChunk: () => Promise<boolean> = async () => true): Promise<void> {
  const db = getDb();
  const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId } });
  if (batch.status === 'READY' || batch.status === 'FAILED') return;
  const spec = batch.spec as unknown as Spec;
  await db.batch.update({ where: { id: batchId }, data: { status: 'RUNNING' } });

  for (let offset = batch.cardsCreated; offset < batch.quantity; ) {
    const size = Math.min(FILL_CHUNK, batch.quantity - offset);
    const cards = Array.from({ length: size }, (_, i) => ({ cardId: cardIdAt(spec.scheme, offset + i), type: batch.type }));
    const secrets = issueSecrets(batch.accountId, size, spec.pin_format, spec.token_format);
    await db.$transaction(
      async (tx) => {
        // Re-read under lock: another worker may have committed this chunk after a lease expiry.
        const [current] = await tx.$queryRaw<{ cards_created: number }[]>`
          SELECT cards_created FROM batches WHERE id = ${batchId}::uuid FOR UPDATE`;
        if (current?.cards_created !== offset) throw new Error('chunk already written by another worker');
        await insertCardsWithSecrets(tx, {
          accountId: batch.accountId,
          batchId,
          offset,
          cards,
          secrets,
          pinFormat: spec.pin_format,
          tokenFormat: spec.token_format,
          createdBy: batch.createdBy,
        });
        await tx.batch.update({ where: { id: batchId }, data: { cardsCreated: offset + size } });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    offset += size;
    if (!(await onChunk())) return; // lease lost: the new holder continues
  }
  await db.$transaction(async (tx) => {
    await tx.batch.update({ where: { id: batchId }, data: { status: 'READY' } });
    await recordAuditEvent(
      { accountId: batch.accountId, actor: { type: 'SYSTEM', id: 'print-run-worker' }, action: 'print_run.ready', target: { type: 'batch', id: batchId } },
      tx,
    );
  });
}

/** Gives up on a run: FAILED with the reason, and none of its cards or secrets left behind. */
export async function failPrintRun(batchId: string, reason: string): Promise<void> {
  const db = getDb();
  await db.$transaction(
    async (tx) => {
      const batch = await tx.batch.findUniqueOrThrow({ where: { id: batchId } });
      await tx.secretVaultChunk.deleteMany({ where: { batchId } });
      await tx.card.deleteMany({ where: { batchId } });
      await tx.batch.update({
        where: { id: batchId },
        data: { status: 'FAILED', failureReason: reason.slice(0, 1000), cardsCreated: 0, secretsState: 'DESTROYED', secretsDestroyedAt: new Date() },
      });
      await recordAuditEvent(
        { accountId: batch.accountId, actor: { type: 'SYSTEM', id: 'print-run-worker' }, action: 'print_run.failed', target: { type: 'batch', id: batchId }, data: { reason } },
        tx,
      );
    },
    { timeout: 120_000 },
  );
}
