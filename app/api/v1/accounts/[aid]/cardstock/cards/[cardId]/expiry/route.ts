// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/expiry – Cardstock extension: extend or shorten the expiry
import { apiRoute } from '@/lib/edge/api-route';
import { changeCardExpiry } from '@/lib/cards/change-card-expiry';

export const POST = apiRoute<'cardstock.cards.expiry', { aid: string; cardId: string }>('cardstock.cards.expiry', async ({ actor, params, body }) => ({
  body: await changeCardExpiry(actor, params.cardId, await body()),
}));
