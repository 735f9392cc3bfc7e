import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { Card } from '@/lib/generated/prisma/client';
import { cardSelect } from './card-row';

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
  // One statement: the locking read returns the whole row (read after the lock is granted).
  const rows =
    'pk' in where
      ? await tx.$queryRaw<Card[]>`SELECT ${cardSelect()} FROM cards WHERE account_id = ${accountId} AND id = ${where.pk}::uuid FOR UPDATE`
      : await tx.$queryRaw<Card[]>`SELECT ${cardSelect()} FROM cards WHERE account_id = ${accountId} AND card_id = ${where.cardId} FOR UPDATE`;
  const card = rows[0];
  if (!card || (card.deletedAt && !options.includeDeleted) || (card.blockedAt && !options.includeBlocked))
    throw new AppError('NOT_FOUND', 'Card not found.', undefined, userMessage('cardNotFound'));
  return card;
}

export function isExpired(card: Card, now = new Date()): boolean {
  return card.expiresAt !== null && card.expiresAt <= now;
}
