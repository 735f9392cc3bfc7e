import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { forgetApiClientActor } from './authenticate-api-client';
import type { RevokeApiClientInput } from './schemas';

/**
 * Revokes an API client: its secret stops working at once; its access tokens are refused at once
 * by this process and within API_CLIENT_CACHE_SECONDS (5 s) by every other server instance.
 */
export async function revokeApiClient(actor: UserActor, input: RevokeApiClientInput) {
  assertCan(actor, 'apiClients:manage');
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiClient.updateMany({
      where: { id: input.apiClientId, accountId: actor.accountId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'API client not found or already revoked.', undefined, userMessage('apiClientNotFound'));
    await recordAuditEvent(
      { accountId: actor.accountId, actor: auditActor(actor), action: 'api_client.revoke', target: { type: 'api_client', id: input.apiClientId } },
      tx,
    );
  });
  forgetApiClientActor(input.apiClientId);
}
