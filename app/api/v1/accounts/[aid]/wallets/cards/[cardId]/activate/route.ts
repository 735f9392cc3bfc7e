// POST /v1/accounts/{aid}/wallets/cards/{card_id}/activate – inactive → unused with its balance (Idempotency-Key supported)
import { actorRef } from '@/lib/auth/actor';
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { activateCard } from '@/lib/cards/activate-card';
import { withIdempotencyKey } from '@/lib/idempotency/with-idempotency-key';

export const POST = apiRoute<'cards.activate', { aid: string; cardId: string }>('cards.activate', async ({ actor, body, params, request }) => {
  const cardId = params.cardId;
  const input = await body();
  const result = await withIdempotencyKey(
    { accountId: actor.accountId, actor: actorRef(actor), key: request.headers.get('idempotency-key'), operation: `cards.activate:${cardId}`, request: input },
    async () => ({ status: 200, body: await activateCard(actor, cardId, input) }),
  );
  return { status: result.status, body: result.body, headers: replayHeaders(result.isReplay) };
});
