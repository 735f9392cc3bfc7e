// POST /v1/accounts/{aid}/hooks/subscriptions/{hid}/deliveries/{delivery_id}/redeliver – a new attempt of a delivery, same event-delivery id (Cardstock extension)
import { apiRoute } from '@/lib/edge/api-route';
import { redeliverDelivery } from '@/lib/webhooks/redeliver-delivery';

export const POST = apiRoute<'hooks.subscriptions.deliveries.redeliver', { aid: string; hid: string; deliveryId: string }>(
  'hooks.subscriptions.deliveries.redeliver',
  async ({ actor, params }) => ({
    status: 202,
    body: await redeliverDelivery(actor, params.hid, params.deliveryId),
  }),
);
