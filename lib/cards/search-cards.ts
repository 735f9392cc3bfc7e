import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { normalizeTokenInput, tokenLookupHashes } from '@/lib/secrets/hash';
import type { SearchCardsInput } from './schemas';

export const SEARCH_PAGE_SIZE = 50;

export interface CardSearchRow {
  cardId: string;
  status: string;
  isBlocked: boolean;
  maskedCode: string | null;
  currency: string | null;
  balance: number;
  customerId: string | null;
  createdAt: string;
}

/**
 * HQ's card search: `q` is a card id (whole or prefix), the last digits of the token (the masked
 * code ends with them) or a whole scanned/typed token — found through its keyed hash, never by
 * storing or comparing the token itself. `status` includes `blocked`. Newest first, at most
 * SEARCH_PAGE_SIZE rows. HQ staff and admins (`cards:read`).
 *
 * Not done yet (issue 12): customer, print run, store, date and balance filters, sorting, paging.
 */
export async function searchCards(actor: UserActor, input: SearchCardsInput): Promise<CardSearchRow[]> {
  assertCan(actor, 'cards:read');
  const where: Prisma.CardWhereInput = { accountId: actor.accountId, deletedAt: null };
  const and: Prisma.CardWhereInput[] = [];
  if (input.q) {
    const q = input.q;
    const or: Prisma.CardWhereInput[] = [{ cardId: { startsWith: q } }, { tokenHash: { in: tokenLookupHashes(actor.accountId, normalizeTokenInput(q)) } }];
    if (/^[0-9A-Za-z]{4,}$/.test(q)) or.push({ maskedCode: { endsWith: q } });
    and.push({ OR: or });
  }
  if (input.status === 'blocked') and.push({ blockedAt: { not: null } });
  else if (input.status) and.push({ status: input.status, blockedAt: null });
  const cards = await getDb().card.findMany({
    where: { ...where, AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: SEARCH_PAGE_SIZE,
  });
  return cards.map((c) => ({
    cardId: c.cardId,
    status: c.status,
    isBlocked: c.blockedAt !== null,
    maskedCode: c.maskedCode,
    currency: c.currency,
    balance: Number(c.balance),
    customerId: c.customerId,
    createdAt: c.createdAt.toISOString(),
  }));
}
