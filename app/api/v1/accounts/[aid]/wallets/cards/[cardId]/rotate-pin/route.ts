// POST /v1/accounts/{aid}/wallets/cards/{card_id}/rotate-pin – a new PIN, shown once
import { apiRoute } from '@/lib/edge/api-route';
import { rotatePin } from '@/lib/cards/rotate-pin';

export const POST = apiRoute<'cards.rotate_pin', { aid: string; cardId: string }>('cards.rotate_pin', async ({ actor, params, body }) => ({
  body: await rotatePin(actor, params.cardId, await body()),
}));
