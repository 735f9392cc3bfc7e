// POST /v1/accounts/{aid}/hooks/subscriptions/{hid}/ping – queue a ping event to the subscription
import { apiRoute } from '@/lib/edge/api-route';
import { pingSubscription } from '@/lib/webhooks/ping-subscription';

export const POST = apiRoute<'hooks.subscriptions.ping', { aid: string; hid: string }>('hooks.subscriptions.ping', async ({ actor, params }) => ({
  status: 202,
  body: await pingSubscription(actor, params.hid),
}));
