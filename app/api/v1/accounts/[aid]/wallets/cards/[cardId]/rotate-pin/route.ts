// POST /v1/accounts/{aid}/wallets/cards/{card_id}/rotate-pin – a new PIN, shown once
import { apiRoute } from '@/lib/api/route';
import { rotatePin } from '@/lib/cards/rotate-pin';
import { rotatePinSchema } from '@/lib/cards/schemas';

export const POST = apiRoute<{ aid: string; cardId: string }>('cards.rotate_pin', 'cards:write', async ({ actor, params, body }) => ({
  body: await rotatePin(actor, params.cardId, await body(rotatePinSchema)),
}));
