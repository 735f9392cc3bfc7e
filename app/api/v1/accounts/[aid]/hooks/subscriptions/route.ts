// POST /v1/accounts/{aid}/hooks/subscriptions – create a webhook subscription (Dintero Hooks API); GET – list them
import { apiRoute } from '@/lib/edge/api-route';
import { createSubscription } from '@/lib/webhooks/create-subscription';
import { listSubscriptions } from '@/lib/webhooks/list-subscriptions';

export const POST = apiRoute('hooks.subscriptions.create', async ({ actor, body }) => ({ status: 201, body: await createSubscription(actor, await body()) }));

export const GET = apiRoute('hooks.subscriptions.list', async ({ actor }) => ({ body: await listSubscriptions(actor) }));
