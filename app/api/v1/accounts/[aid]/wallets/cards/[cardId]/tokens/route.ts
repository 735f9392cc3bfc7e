// POST /v1/accounts/{aid}/wallets/cards/{card_id}/tokens – a temporary card code, its value shown once; idempotent per ref_id
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { createCardToken } from '@/lib/cards/create-card-token';

export const POST = apiRoute<'cards.tokens', { aid: string; cardId: string }>('cards.tokens', async ({ actor, params, body }) => {
  const result = await createCardToken(actor, params.cardId, await body());
  return { body: result.body, headers: replayHeaders(result.isReplay) };
});
