/**
 * Card ids are claimed in two ways: an API (or web) card batch and single card create them at
 * once; a print run reserves a whole range when it is ordered and creates the cards later, in the
 * background. Both take the same per-account lock before checking, so neither can take ids the
 * other has claimed but not yet committed: the run would otherwise fail part-way on a duplicate.
 */
import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { SPEC_SQL } from './batch-spec';
import { isRunCardId, type CardIdScheme } from './card-id-scheme';

/** Serializes everything that claims card ids in one account, until the transaction ends. */
export async function lockCardIds(tx: DbTx, accountId: string): Promise<void> {
  // The key predates API batches taking it too; kept so that old and new processes agree.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`print-run-order:${accountId}`}))`;
}

/**
 * A 409 naming the print run not yet fully made whose ids include some of `cardIds` (and up to
 * 100 of those ids), or null when no such run reserves any. Call under lockCardIds.
 */
export async function reservedByPrintRun(tx: DbTx, accountId: string, cardIds: string[]): Promise<AppError | null> {
  const runs = await tx.$queryRaw<{ id: string; quantity: number; scheme: CardIdScheme; first_card_id: string; last_card_id: string }[]>`
    SELECT id, quantity, ${SPEC_SQL.scheme} AS scheme, ${SPEC_SQL.firstCardId} AS first_card_id, ${SPEC_SQL.lastCardId} AS last_card_id
    FROM batches
    WHERE account_id = ${accountId} AND status IN ('PENDING', 'RUNNING') AND ${SPEC_SQL.scheme} IS NOT NULL
    ORDER BY created_at`;
  for (const run of runs) {
    const taken = cardIds.filter((id) => isRunCardId(run.scheme, run.quantity, id));
    if (taken.length === 0) continue;
    return new AppError(
      'CONFLICT',
      `Some card_id values are reserved by print run ${run.id} (${run.first_card_id} … ${run.last_card_id}), which is still being made.`,
      { card_ids: taken.slice(0, 100), print_run: { id: run.id, first_card_id: run.first_card_id, last_card_id: run.last_card_id } },
      userMessage('cardIdsReserved', { printRun: run.id, first: run.first_card_id, last: run.last_card_id }),
    );
  }
  return null;
}
