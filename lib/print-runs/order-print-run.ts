import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { secretsDeadlineFrom } from '@/lib/cards/create-card-batch';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { enqueueJob } from '@/lib/jobs/queue';
import { batchScheme, SPEC_SQL, webPrintRunSpec } from './batch-spec';
import { lockCardIds } from './card-id-claims';
import { cardIdRange } from './card-id-scheme';
import type { OrderPrintRunInput } from './schemas';

export const FILL_JOB = 'print_run.fill';

/**
 * Orders a print run: refuses ids that would collide with existing cards or with another run
 * still being filled, then records the batch (PENDING) and a durable fill job — all in one
 * transaction, serialized per account with everything else that claims card ids, so neither two
 * overlapping orders nor an order and an API batch can both pass. The cards
 * themselves are created in the background (see fill-print-run.ts). HQ admin and staff.
 */
export async function orderPrintRun(actor: UserActor, input: OrderPrintRunInput) {
  assertCan(actor, 'printRuns:order');
  const { first, last } = cardIdRange(input.scheme, input.quantity);
  const overlap = (id: string, over: 'existing' | 'printRun') => {
    const what = over === 'existing' ? 'existing cards' : 'a print run still being made';
    return new AppError(
      'CONFLICT',
      `Card ids ${first} … ${last} overlap ${what} (e.g. ${id}).`,
      { fieldErrors: { startSequence: [`Overlaps ${what} (${id}); choose another start number or prefix`] } },
      userMessage('cardIdsOverlap', { first, last, what: over, id }, { startSequence: userMessage('cardIdsOverlapField', { what: over, id }) }),
    );
  };
  return getDb().$transaction(async (tx) => {
    await lockCardIds(tx, actor.accountId); // the lock API card creation takes too (card-id-claims.ts)
    // Every id of the run has the same length and prefix and sorts between first and last.
    const [card] = await tx.$queryRaw<{ card_id: string }[]>`
      SELECT card_id FROM cards
      WHERE account_id = ${actor.accountId} AND length(card_id) = ${first.length}
        AND card_id >= ${first} AND card_id <= ${last} AND starts_with(card_id, ${input.scheme.prefix})
      LIMIT 1`;
    if (card) throw overlap(card.card_id, 'existing');
    // Runs not filled yet have no cards to collide with: compare their id ranges (ids of equal
    // length sort like their sequence numbers; ranges that interleave are refused to be safe).
    const [run] = await tx.$queryRaw<{ first_card_id: string }[]>`
      SELECT ${SPEC_SQL.firstCardId} AS first_card_id FROM batches
      WHERE account_id = ${actor.accountId} AND status IN ('PENDING', 'RUNNING')
        AND length(${SPEC_SQL.firstCardId}) = ${first.length}
        AND ${SPEC_SQL.firstCardId} <= ${last} AND ${SPEC_SQL.lastCardId} >= ${first}
      LIMIT 1`;
    if (run) throw overlap(run.first_card_id, 'printRun');
    const batch = await tx.batch.create({
      data: {
        accountId: actor.accountId,
        type: input.type,
        quantity: input.quantity,
        status: 'PENDING',
        spec: webPrintRunSpec({ scheme: input.scheme, firstCardId: first, lastCardId: last, pinFormat: input.pinFormat, tokenFormat: input.tokenFormat }),
        manufacturer: input.manufacturer,
        purchaseOrder: input.purchaseOrder,
        note: input.note,
        secretsDeadline: secretsDeadlineFrom(new Date()),
        createdBy: actorRef(actor),
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
    const scheme = batchScheme(b.spec);
    if (scheme && scheme.prefix === prefix) next = Math.max(next, scheme.start + b.quantity);
  }
  return next;
}
