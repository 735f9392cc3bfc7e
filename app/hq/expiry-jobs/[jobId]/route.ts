// GET /hq/expiry-jobs/<id> – progress of a bulk expiry change (the card page polls it)
import { getBulkExpiryProgress } from '@/lib/cards/change-expiry-bulk';
import { jsonResponse } from '@/lib/edge/respond';
import { sessionRoute } from '@/lib/edge/session-route';

export const GET = sessionRoute<{ jobId: string }>('hq.cards.expiryJob', 'cards:expiryBulk', async ({ actor, params }) =>
  jsonResponse(await getBulkExpiryProgress(actor, params.jobId)),
);
