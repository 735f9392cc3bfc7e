import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { secretsDeadlineFrom } from '@/lib/cards/create-card-batch';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/queue';
import { cardIdRange } from './card-id-scheme';
import type { OrderPrintRunInput } from './schemas';

export const FILL_JOB = 'print_run.fill';

/**
 * Orders a print run: refuses ids that would collide with existing cards before writing
 * anything, then records the batch (PENDING) and a durable fill job in one transaction. The
 * cards themselves are created in the background (see fill-print-run.ts). HQ admin and staff.
 */
export async function orderPrintRun(actor: UserActor, input: OrderPrintRunInput) {
  assertCan(actor, 'printRuns:order');
  const { first, last } = cardIdRange(input.scheme, input.quantity);
  const db = getDb();
  // Every id of the run has the same length and prefix and sorts between first and last.
  const [collision] = await db.$queryRaw<{ card_id: string }[]>`
    SELECT card_id FROM cards
    WHERE account_id = ${actor.accountId} AND length(card_id) = ${first.length}
      AND card_id >= ${first} AND card_id <= ${last} AND starts_with(card_id, ${input.scheme.prefix})
    LIMIT 1`;
  if (collision) {
    throw new AppError('CONFLICT', `Card ids ${first} … ${last} overlap existing cards (e.g. ${collision.card_id}).`, {
      fieldErrors: { startSequence: [`Overlaps existing card ${collision.card_id}; choose another start number or prefix`] },
    });
  }
  return db.$transaction(async (tx) => {
    const batch = await tx.batch.create({
      data: {
        accountId: actor.accountId,
        type: input.type,
        quantity: input.quantity,
        status: 'PENDING',
        spec: {
          source: 'web',
          scheme: { ...input.scheme },
          first_card_id: first,
          last_card_id: last,
          pin_format: { ...input.pinFormat },
          token_format: { ...input.tokenFormat },
        },
        manufacturer: input.manufacturer,
        purchaseOrder: input.purchaseOrder,
        note: input.note,
        secretsDeadline: secretsDeadlineFrom(new Date()),
        createdBy: `user:${actor.userId}`,
      },
    });
    await enqueueJob(tx, FILL_JOB, { batchId: batch.id });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'print_run.order',
        target: { type: 'batch', id: batch.id },
        data: { quantity: input.quantity, first_card_id: first, last_card_id: last, manufacturer: input.manufacturer, purchase_order: input.purchaseOrder },
      },
      tx,
    );
    return batch;
  });
}

/** The next sequence number after the highest one used with this prefix (form suggestion). */
export async function suggestStartSequence(actor: UserActor, prefix: string): Promise<number> {
  assertCan(actor, 'printRuns:order');
  const batches = await getDb().batch.findMany({ where: { accountId: actor.accountId }, select: { spec: true, quantity: true } });
  let next = 1;
  for (const b of batches) {
    const scheme = (b.spec as { scheme?: { prefix: string; start: number } }).scheme;
    if (scheme && scheme.prefix === prefix) next = Math.max(next, scheme.start + b.quantity);
  }
  return next;
}
