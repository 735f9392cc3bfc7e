// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/adjust – Cardstock extension: a signed balance adjustment
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { adjustCard } from '@/lib/cards/adjust-card';

export const POST = apiRoute<'cardstock.cards.adjust', { aid: string; cardId: string }>('cardstock.cards.adjust', async ({ actor, params, body }) => {
  const result = await adjustCard(actor, params.cardId, await body());
  return { status: result.isReplay ? 200 : 201, body: result.transaction, headers: replayHeaders(result.isReplay) };
});
