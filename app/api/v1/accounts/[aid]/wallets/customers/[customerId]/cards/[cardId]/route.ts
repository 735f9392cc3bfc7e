// GET /v1/accounts/{aid}/wallets/customers/{customer_id}/cards/{card_id} – one card of the customer
import { apiRoute } from '@/lib/edge/api-route';
import { getCustomerCard } from '@/lib/cards/get-card';

export const GET = apiRoute<'customers.cards.get', { aid: string; customerId: string; cardId: string }>('customers.cards.get', async ({ actor, params }) => ({
  body: await getCustomerCard(actor, params.customerId, params.cardId),
}));
