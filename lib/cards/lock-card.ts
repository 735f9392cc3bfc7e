import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Card } from '@/lib/generated/prisma/client';

/**
 * Loads a card of the account and locks its row until the transaction ends, so concurrent
 * writes to one card run one after another (balance checks then see committed amounts). A deleted
 * card is not found (it refuses every transaction) unless `includeDeleted`; nor is a blocked card
 * (block-card.ts) unless `includeBlocked` — the same 404 as an unknown card, decided under the lock
 * so a block and a drawdown racing each other run one after the other.
 */
export async function lockCard(
  tx: DbTx,
  accountId: string,
  where: { cardId: string } | { pk: string },
  options: { includeDeleted?: boolean; includeBlocked?: boolean } = {},
): Promise<Card> {
  const rows =
    'pk' in where
      ? await tx.$queryRaw<{ id: string; deleted: boolean; blocked: boolean }[]>`SELECT id, deleted_at IS NOT NULL AS deleted, blocked_at IS NOT NULL AS blocked FROM cards WHERE account_id = ${accountId} AND id = ${where.pk}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string; deleted: boolean; blocked: boolean }[]>`SELECT id, deleted_at IS NOT NULL AS deleted, blocked_at IS NOT NULL AS blocked FROM cards WHERE account_id = ${accountId} AND card_id = ${where.cardId} FOR UPDATE`;
  const row = rows[0];
  const id = row && (!row.deleted || options.includeDeleted) && (!row.blocked || options.includeBlocked) ? row.id : undefined;
  if (!id) throw new AppError('NOT_FOUND', 'Card not found.');
  return tx.card.findUniqueOrThrow({ where: { id } });
}

export function isExpired(card: Card, now = new Date()): boolean {
  return card.expiresAt !== null && card.expiresAt <= now;
}
