// GET /v1/accounts/{aid}/wallets/cards/{card_id} – one card with its amounts; DELETE – soft delete
import { apiRoute } from '@/lib/edge/api-route';
import { deleteCard } from '@/lib/cards/delete-card';
import { getCard } from '@/lib/cards/get-card';

type Params = { aid: string; cardId: string };

export const GET = apiRoute<'cards.get', Params>('cards.get', async ({ actor, params, query }) => ({
  body: await getCard(actor, params.cardId, query()),
}));

export const DELETE = apiRoute<'cards.delete', Params>('cards.delete', async ({ actor, params, query }) => ({
  body: await deleteCard(actor, params.cardId, query()),
}));
