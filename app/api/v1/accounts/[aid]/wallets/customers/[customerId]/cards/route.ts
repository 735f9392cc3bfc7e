// GET /v1/accounts/{aid}/wallets/customers/{customer_id}/cards – the customer's cards (a bare array)
import { apiRoute } from '@/lib/edge/api-route';
import { listCustomerCards } from '@/lib/cards/get-card';

export const GET = apiRoute<'customers.cards.list', { aid: string; customerId: string }>('customers.cards.list', async ({ actor, params, query }) => ({
  body: await listCustomerCards(actor, params.customerId, query()),
}));
