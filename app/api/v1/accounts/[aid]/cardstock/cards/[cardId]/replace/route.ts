// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/replace – Cardstock extension: move the balance to a new card
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { replaceCard } from '@/lib/cards/replace-card';

export const POST = apiRoute<'cardstock.cards.replace', { aid: string; cardId: string }>('cardstock.cards.replace', async ({ actor, params, body }) => {
  const { isReplay, ...result } = await replaceCard(actor, params.cardId, await body());
  return { status: isReplay ? 200 : 201, body: result, headers: replayHeaders(isReplay) };
});
