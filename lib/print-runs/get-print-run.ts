/**
 * Reads of one print run for HQ: its facts, its fill progress, its first cards and a CSV export of
 * all its card ids. Never any secret: cards are shown by id, status and masked code only.
 * Each function checks `hq:view` and that the batch belongs to the actor's account; a batch of
 * another account is NOT_FOUND, exactly like one that does not exist.
 */
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { csvRecords } from '@/lib/csv/spreadsheet-safe';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { readBatchSpec, type BatchSpec } from './batch-spec';
import { summarizeBatches, type PrintRunSummary } from './list-print-runs';

export const CSV_PAGE_SIZE = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findBatch(actor: UserActor, batchId: string) {
  assertCan(actor, 'hq:view');
  // Checked first: a malformed id would otherwise be a database error on the uuid column.
  const batch = UUID.test(batchId) ? await getDb().batch.findFirst({ where: { id: batchId, accountId: actor.accountId } }) : null;
  if (!batch) throw new AppError('NOT_FOUND', 'Print run not found', undefined, userMessage('printRunNotFound'));
  return batch;
}

export interface PrintRunDetail extends PrintRunSummary {
  note: string | null;
  scheme: BatchSpec['scheme'];
  pinFormat: BatchSpec['pin_format'];
  tokenFormat: BatchSpec['token_format'];
}

/** One print run with everything the list shows, plus its id range, formats and note. */
export async function getPrintRun(actor: UserActor, batchId: string): Promise<PrintRunDetail> {
  const batch = await findBatch(actor, batchId);
  const [summary] = await summarizeBatches(actor.accountId, [batch]);
  const spec = readBatchSpec(batch.spec);
  let { firstCardId, lastCardId } = summary!;
  if (firstCardId === null && batch.cardsCreated > 0) {
    // API batches carry arbitrary card ids and no scheme: show the lowest and highest.
    const range = await getDb().card.aggregate({
      where: { accountId: actor.accountId, batchId: batch.id },
      _min: { cardId: true },
      _max: { cardId: true },
    });
    firstCardId = range._min.cardId;
    lastCardId = range._max.cardId;
  }
  return {
    ...summary!,
    firstCardId,
    lastCardId,
    note: batch.note,
    scheme: spec.scheme,
    pinFormat: spec.pin_format,
    tokenFormat: spec.token_format,
  };
}

/** Just the fill progress, for the batch page's polling (one small read per second). */
export async function getPrintRunProgress(actor: UserActor, batchId: string) {
  const batch = await findBatch(actor, batchId);
  return { status: batch.status, cardsCreated: batch.cardsCreated, quantity: batch.quantity, failureReason: batch.failureReason };
}

/** The first `limit` cards of the run in card-id order: id, status and masked code only. */
export async function listBatchCards(actor: UserActor, batchId: string, limit = 100) {
  const batch = await findBatch(actor, batchId);
  return getDb().card.findMany({
    where: { accountId: actor.accountId, batchId: batch.id },
    orderBy: { cardId: 'asc' },
    take: Math.min(Math.max(limit, 0), 1_000),
    select: { cardId: true, status: true, maskedCode: true, expiresAt: true },
  });
}

/**
 * The run's cards as CSV (`card_id,status,masked_code`), for a streamed download. Authorization
 * and the READY check happen before this returns, so the caller can still answer with an error
 * status; the rows are then read lazily in pages of CSV_PAGE_SIZE by card id (keyset), so memory
 * stays flat whatever the run's size. Fields are encoded by lib/csv/spreadsheet-safe.ts (no cell a
 * spreadsheet could run as a formula, whatever its list separator), since API card ids are free text.
 */
export async function exportBatchCardsCsv(actor: UserActor, batchId: string, pageSize = CSV_PAGE_SIZE) {
  const batch = await findBatch(actor, batchId);
  if (batch.status !== 'READY')
    throw new AppError('CONFLICT', 'The card list can be exported once the print run is ready.', undefined, userMessage('cardListNotReady'));
  const db = getDb();
  await recordAuditEvent({
    accountId: actor.accountId,
    actor: auditActor(actor),
    action: 'print_run.export',
    target: { type: 'batch', id: batch.id },
    data: { format: 'csv' },
  });
  const now = new Date();
  async function* rows(): AsyncGenerator<string> {
    yield csvRecords([['card_id', 'status', 'masked_code']]);
    let after: string | undefined;
    for (;;) {
      const page = await db.card.findMany({
        where: { accountId: batch.accountId, batchId: batch.id, ...(after === undefined ? {} : { cardId: { gt: after } }) },
        orderBy: { cardId: 'asc' },
        take: pageSize,
        select: { cardId: true, status: true, maskedCode: true, expiresAt: true },
      });
      if (page.length === 0) return;
      // A card past its expiry is reported as expired, as in the run's counts.
      const statusOf = (c: (typeof page)[number]) => (c.expiresAt && c.expiresAt < now ? 'expired' : c.status);
      yield csvRecords(page.map((c) => [c.cardId, statusOf(c), c.maskedCode ?? '']));
      if (page.length < pageSize) return;
      after = page.at(-1)!.cardId;
    }
  }
  return { filename: `print-run-${batch.id}-cards.csv`, rows: rows() };
}
