// POST /v1/accounts/{aid}/cardstock/cards/{card_id}/unblock – Cardstock extension: lift a block
import { apiRoute } from '@/lib/edge/api-route';
import { unblockCard } from '@/lib/cards/unblock-card';

export const POST = apiRoute<'cardstock.cards.unblock', { aid: string; cardId: string }>('cardstock.cards.unblock', async ({ actor, params, body }) => ({
  body: await unblockCard(actor, params.cardId, await body()),
}));
