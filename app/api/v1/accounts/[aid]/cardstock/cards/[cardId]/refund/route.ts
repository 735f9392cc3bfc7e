// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/refund – Cardstock extension: refund (part of) a drawdown to the card
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { refundCard } from '@/lib/cards/refund-card';

export const POST = apiRoute<'cardstock.cards.refund', { aid: string; cardId: string }>('cardstock.cards.refund', async ({ actor, params, body }) => {
  const result = await refundCard(actor, params.cardId, await body());
  return { status: result.isReplay ? 200 : 201, body: result.transaction, headers: replayHeaders(result.isReplay) };
});
