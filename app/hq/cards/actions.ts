'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { blockCard } from '@/lib/cards/block-card';
import { blockCardSchema, cardIdSchema, searchCardsSchema, unblockCardSchema } from '@/lib/cards/schemas';
import { searchCards } from '@/lib/cards/search-cards';
import { cardSearchQueryString } from '@/lib/cards/search-schema';
import { unblockCard } from '@/lib/cards/unblock-card';
import { formAction } from '@/lib/edge/form-action';

// The API's schemas are strict; a browser form may carry fields of its own (React's action keys), so strip them here.
const withCard = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => schema.extend({ cardId: cardIdSchema }).strip();

export const blockCardAction = formAction('blockCard', 'cards:block', withCard(blockCardSchema), async (actor, { cardId, ...input }) => {
  await blockCard(actor, cardId, input);
  revalidatePath(`/hq/cards/${encodeURIComponent(cardId)}`);
  return (await getTranslations('blockCardForm'))('blocked', { cardId });
});

export const unblockCardAction = formAction('unblockCard', 'cards:block', withCard(unblockCardSchema), async (actor, { cardId, ...input }) => {
  await unblockCard(actor, cardId, input);
  revalidatePath(`/hq/cards/${encodeURIComponent(cardId)}`);
  return (await getTranslations('blockCardForm'))('unblocked', { cardId });
});

/**
 * A POST, not a query string: a scanned token must never end up in a URL. The answer carries the
 * query string of the search's non-secret part, which the page puts in its address (bookmarks).
 */
export const searchCardsAction = formAction('searchCards', 'cards:read', searchCardsSchema, async (actor, input) => ({
  ...(await searchCards(actor, input)),
  query: cardSearchQueryString(input),
}));
