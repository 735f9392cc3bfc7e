// GET /v1/accounts/{aid}/hooks/subscriptions/{hid} – one subscription; DELETE – delete it
import { apiRoute } from '@/lib/edge/api-route';
import { deleteSubscription } from '@/lib/webhooks/delete-subscription';
import { getSubscription } from '@/lib/webhooks/get-subscription';

type Params = { aid: string; hid: string };

export const GET = apiRoute<'hooks.subscriptions.get', Params>('hooks.subscriptions.get', async ({ actor, params }) => ({
  body: await getSubscription(actor, params.hid),
}));

export const DELETE = apiRoute<'hooks.subscriptions.delete', Params>('hooks.subscriptions.delete', async ({ actor, params }) => ({
  body: await deleteSubscription(actor, params.hid),
}));
