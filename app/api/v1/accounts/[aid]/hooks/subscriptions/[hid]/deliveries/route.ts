// GET /v1/accounts/{aid}/hooks/subscriptions/{hid}/deliveries – the subscription's delivery log (Cardstock extension)
import { apiRoute } from '@/lib/edge/api-route';
import { listDeliveries } from '@/lib/webhooks/list-deliveries';

export const GET = apiRoute<'hooks.subscriptions.deliveries', { aid: string; hid: string }>(
  'hooks.subscriptions.deliveries',
  async ({ actor, params, query }) => ({
    body: await listDeliveries(actor, params.hid, query()),
  }),
);
