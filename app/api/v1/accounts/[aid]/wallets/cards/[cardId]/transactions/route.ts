// GET /v1/accounts/{aid}/wallets/cards/{card_id}/transactions – the card's ledger, oldest first
import { apiRoute } from '@/lib/edge/api-route';
import { listCardTransactions } from '@/lib/cards/get-card';

export const GET = apiRoute<'cards.transactions', { aid: string; cardId: string }>('cards.transactions', async ({ actor, params, query }) => ({
  body: await listCardTransactions(actor, params.cardId, query()),
}));
