// POST /v1/accounts/{aid}/wallets/info – balance check by token (optionally with PIN) or card_id + PIN
import { apiRoute } from '@/lib/api/route';
import { getCardInfo } from '@/lib/cards/card-info';
import { cardInfoSchema } from '@/lib/cards/schemas';

export const POST = apiRoute('cards.info', 'info', async ({ actor, body }) => ({
  body: await getCardInfo(actor, await body(cardInfoSchema)),
}));
