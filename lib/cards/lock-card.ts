import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Card } from '@/lib/generated/prisma/client';

/**
 * Loads a card of the account and locks its row until the transaction ends, so concurrent
 * writes to one card run one after another (balance checks then see committed amounts). A deleted
 * card is not found (it refuses every transaction) unless `includeDeleted`.
 */
export async function lockCard(
  tx: DbTx,
  accountId: string,
  where: { cardId: string } | { pk: string },
  options: { includeDeleted?: boolean } = {},
): Promise<Card> {
  const rows =
    'pk' in where
      ? await tx.$queryRaw<{ id: string; deleted: boolean }[]>`SELECT id, deleted_at IS NOT NULL AS deleted FROM cards WHERE account_id = ${accountId} AND id = ${where.pk}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string; deleted: boolean }[]>`SELECT id, deleted_at IS NOT NULL AS deleted FROM cards WHERE account_id = ${accountId} AND card_id = ${where.cardId} FOR UPDATE`;
  const id = rows[0] && (!rows[0].deleted || options.includeDeleted) ? rows[0].id : undefined;
  if (!id) throw new AppError('NOT_FOUND', 'Card not found.');
  return tx.card.findUniqueOrThrow({ where: { id } });
}

export function isExpired(card: Card, now = new Date()): boolean {
  return card.expiresAt !== null && card.expiresAt <= now;
}
