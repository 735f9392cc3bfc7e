/**
 * The background half of a print run: creates its cards in chunks, each chunk (cards, hashed
 * secrets, sealed vault entries and the progress counter) in one transaction, so a restart
 * resumes after the last committed chunk. While filling, the batch is not READY and its cards
 * cannot be activated; a run that fails for good is marked FAILED with the reason in words (the
 * error itself goes to the log only) and its cards and vault are removed, leaving nothing
 * half-visible.
 */
import { PRINT_RUN_READY } from '@/lib/webhooks/events';
import { enqueueEvent } from '@/lib/webhooks/outbox';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { insertCardsWithSecrets } from '@/lib/cards/insert-cards';
import { isTokenCollision, issueSecrets } from '@/lib/cards/issue-secrets';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { isAppError, isTransactionStartTimeout, isUniqueViolation } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { batchScheme, fillSpecOf } from './batch-spec';
import { cardIdAt, cardIdRange, isRunCardId, type CardIdScheme } from './card-id-scheme';

export const FILL_CHUNK = 5_000;

/**
 * Fills the batch from where it stands; `onChunk` runs after each committed chunk (lease renewal)
 * and returning false stops the fill there (the lease was lost, or the worker is shutting down):
 * the next holder of the job continues from the committed chunks. Returns whether the run is
 * complete (READY or FAILED).
 */
export async function fillPrintRun(batchId: string, onChunk: () => Promise<boolean> = async () => true): Promise<boolean> {
  const db = getDb();
  const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId } });
  if (batch.status === 'READY' || batch.status === 'FAILED') return true;
  const spec = fillSpecOf(batch.spec);
  await db.batch.update({ where: { id: batchId }, data: { status: 'RUNNING' } });

  for (let offset = batch.cardsCreated; offset < batch.quantity;) {
    const size = Math.min(FILL_CHUNK, batch.quantity - offset);
    const cards = Array.from({ length: size }, (_, i) => ({ cardId: cardIdAt(spec.scheme, offset + i), type: batch.type }));
    const secrets = issueSecrets(batch.accountId, size, spec.pinFormat, spec.tokenFormat);
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
          pinFormat: spec.pinFormat,
          tokenFormat: spec.tokenFormat,
          createdBy: batch.createdBy,
        });
        await tx.batch.update({ where: { id: batchId }, data: { cardsCreated: offset + size } });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    offset += size;
    if (!(await onChunk())) return false; // lease lost or shutting down: the next holder continues
  }
  await db.$transaction(async (tx) => {
    await tx.batch.update({ where: { id: batchId }, data: { status: 'READY' } });
    await enqueueEvent(tx, batch.accountId, PRINT_RUN_READY, { print_run: { id: batchId, quantity: batch.quantity, status: 'ready' } });
    await recordAuditEvent(
      { accountId: batch.accountId, actor: { type: 'SYSTEM', id: 'print-run-worker' }, action: 'print_run.ready', target: { type: 'batch', id: batchId } },
      tx,
    );
  });
  return true;
}

/** Prisma and driver codes for a database that could not be reached or dropped the connection. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03']);

function isDatabaseUnavailable(error: unknown): boolean {
  if (isTransactionStartTimeout(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** A card of another batch (or none) holding one of the run's ids: what a duplicate on card_id hit. */
async function foreignCardInRun(tx: DbTx, batch: { id: string; accountId: string; quantity: number }, scheme: CardIdScheme): Promise<string | null> {
  const { first, last } = cardIdRange(scheme, batch.quantity);
  const rows = await tx.$queryRaw<{ card_id: string }[]>`
    SELECT card_id FROM cards
    WHERE account_id = ${batch.accountId} AND batch_id IS DISTINCT FROM ${batch.id}::uuid
      AND length(card_id) = ${first.length} AND card_id >= ${first} AND card_id <= ${last}
    ORDER BY card_id LIMIT 100`;
  return rows.map((r) => r.card_id).find((id) => isRunCardId(scheme, batch.quantity, id)) ?? null;
}

/**
 * The reason a person reads on the print run's page: what went wrong and what to do, never the
 * database's own message (which names constraints and SQL states, and goes to the log instead).
 */
async function failureReason(
  tx: DbTx,
  batch: { id: string; accountId: string; quantity: number; spec: unknown },
  error: unknown,
  attempts: number,
): Promise<string> {
  const scheme = batchScheme(batch.spec);
  if (isTokenCollision(error)) return 'Could not draw unique card tokens for this run. Order it again with a longer token format.';
  if (isUniqueViolation(error) && scheme) {
    const taken = await foreignCardInRun(tx, batch, scheme);
    if (taken)
      return `Card id ${taken} of this run was given to another card while the run was being made. Order the run again with another start number or prefix.`;
  }
  if (isAppError(error)) return `The cards could not be made: ${error.message}`;
  const tries = attempts === 1 ? 'once' : `${attempts} times`;
  if (isDatabaseUnavailable(error)) return `The database could not be reached or was too busy (tried ${tries}). Order the run again.`;
  return `The cards could not be made because of an unexpected error on the server (tried ${tries}). Order the run again; if it fails again, the server log has the details under batch ${batch.id}.`;
}

/**
 * Gives up on a run after `attempts` tries that ended in `error`: FAILED with the reason in words,
 * and none of its cards or secrets left behind. The error itself is logged, not stored.
 */
export async function failPrintRun(batchId: string, error: unknown, attempts = 1): Promise<void> {
  logger.error({ batchId, err: error, attempts }, 'print run failed for good');
  const db = getDb();
  await db.$transaction(
    async (tx) => {
      const batch = await tx.batch.findUniqueOrThrow({ where: { id: batchId } });
      const reason = await failureReason(tx, batch, error, attempts);
      await tx.secretVaultChunk.deleteMany({ where: { batchId } });
      await tx.card.deleteMany({ where: { batchId } });
      await tx.batch.update({
        where: { id: batchId },
        data: { status: 'FAILED', failureReason: reason.slice(0, 1000), cardsCreated: 0, secretsState: 'DESTROYED', secretsDestroyedAt: new Date() },
      });
      await recordAuditEvent(
        {
          accountId: batch.accountId,
          actor: { type: 'SYSTEM', id: 'print-run-worker' },
          action: 'print_run.failed',
          target: { type: 'batch', id: batchId },
          data: { reason },
        },
        tx,
      );
    },
    { timeout: 120_000 },
  );
}
