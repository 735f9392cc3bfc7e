/**
 * A presented token is either a card's own token (cards.token_hash) or one of its temporary card
 * codes (card_tokens, POST /cards/{card_id}/tokens). One set of rules says whether it still works:
 *
 * - `expired`: past its lifetime — the card's own token `token_expires_in` seconds after the card's
 *   activation (its creation, for a card created with a balance), a code `expires_in` seconds after
 *   it was made. An expired token is an unknown token: it finds nothing, anywhere.
 * - `used`: a single-use token (`expires_after_transaction`) that has paid once. It still shows the
 *   card (balance checks) until it expires, but creates no further transaction.
 * - `live`: everything else.
 */
import type { Card } from '@/lib/generated/prisma/client';

export type TokenState = 'live' | 'used' | 'expired';

/** When the card's own token stops working, or null (as long as the card). */
export function ownTokenExpiresAt(card: Pick<Card, 'activatedAt' | 'tokenExpiresIn'>): Date | null {
  if (card.tokenExpiresIn === null || card.activatedAt === null) return null;
  return new Date(card.activatedAt.getTime() + card.tokenExpiresIn * 1000);
}

export function tokenState(match: { expiresAt: Date | null; isSingleUse: boolean; usedAt: Date | null }, now = new Date()): TokenState {
  if (match.expiresAt !== null && match.expiresAt <= now) return 'expired';
  if (match.isSingleUse && match.usedAt !== null) return 'used';
  return 'live';
}
