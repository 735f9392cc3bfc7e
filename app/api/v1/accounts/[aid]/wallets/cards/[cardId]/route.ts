// GET /v1/accounts/{aid}/wallets/cards/{card_id} – one card with its amounts
import { apiRoute } from '@/lib/api/route';
import { getCard } from '@/lib/cards/get-card';

export const GET = apiRoute<{ aid: string; cardId: string }>('cards.get', 'cards:read', async ({ actor, params }) => ({
  body: await getCard(actor, params.cardId),
}));
