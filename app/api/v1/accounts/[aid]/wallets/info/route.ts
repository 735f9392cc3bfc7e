// POST /v1/accounts/{aid}/wallets/info – balance check by token (optionally with PIN) or card_id + PIN
import { apiRoute } from '@/lib/edge/api-route';
import { getCardInfo } from '@/lib/cards/card-info';

export const POST = apiRoute('cards.info', async ({ actor, body }) => ({
  body: await getCardInfo(actor, await body()),
}));
