// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/block – Cardstock extension: block a card
import { apiRoute } from '@/lib/edge/api-route';
import { blockCard } from '@/lib/cards/block-card';

export const POST = apiRoute<'cardstock.cards.block', { aid: string; cardId: string }>('cardstock.cards.block', async ({ actor, params, body }) => ({
  body: await blockCard(actor, params.cardId, await body()),
}));
