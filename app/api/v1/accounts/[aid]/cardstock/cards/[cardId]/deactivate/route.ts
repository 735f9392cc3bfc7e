// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/deactivate – Cardstock extension: deactivate for good
import { apiRoute } from '@/lib/edge/api-route';
import { deactivateCard } from '@/lib/cards/deactivate-card';

export const POST = apiRoute<'cardstock.cards.deactivate', { aid: string; cardId: string }>('cardstock.cards.deactivate', async ({ actor, params, body }) => ({
  body: await deactivateCard(actor, params.cardId, await body()),
}));
