// GET /v1/accounts/{aid}/wallets/cards/{card_id}/transactions – the card's ledger, oldest first
import { apiRoute } from '@/lib/api/route';
import { listCardTransactions } from '@/lib/cards/get-card';
import { listTransactionsQuerySchema } from '@/lib/cards/schemas';

export const GET = apiRoute<{ aid: string; cardId: string }>('cards.transactions', 'cards:read', async ({ actor, params, query }) => ({
  body: await listCardTransactions(actor, params.cardId, query(listTransactionsQuerySchema)),
}));
