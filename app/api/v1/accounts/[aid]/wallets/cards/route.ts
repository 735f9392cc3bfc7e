// GET /v1/accounts/{aid}/wallets/cards – list cards; POST – create one card with a balance
import { apiRoute } from '@/lib/edge/api-route';
import { createCard } from '@/lib/cards/create-card';
import { listCards } from '@/lib/cards/get-card';

export const GET = apiRoute('cards.list', async ({ actor, query }) => ({ body: await listCards(actor, query()) }));

export const POST = apiRoute('cards.create', async ({ actor, body }) => ({ body: await createCard(actor, await body()) }));
