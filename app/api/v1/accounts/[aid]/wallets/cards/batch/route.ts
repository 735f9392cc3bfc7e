// POST /v1/accounts/{aid}/wallets/cards/batch – create inactive cards with one-time secrets (Idempotency-Key supported)
import { actorRef } from '@/lib/auth/actor';
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { batchResponse, createCardBatch } from '@/lib/cards/create-card-batch';
import { withIdempotencyKey } from '@/lib/idempotency/with-idempotency-key';

export const POST = apiRoute('cards.batch', async ({ actor, body, request }) => {
  const input = await body();
  const result = await withIdempotencyKey(
    { accountId: actor.accountId, actor: actorRef(actor), key: request.headers.get('idempotency-key'), operation: 'cards.batch', request: input },
    async () => ({ status: 200, ...(await batchResponse(await createCardBatch(actor, input))) }),
  );
  return { status: result.status, body: result.body, headers: replayHeaders(result.isReplay) };
});
