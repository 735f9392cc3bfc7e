import { randomBytes } from 'node:crypto';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { CreateApiClientInput } from './schemas';

/**
 * Creates an API client of the admin's account with a fresh random secret, stored only hashed.
 * The clear secret is returned once, for the admin to copy into the till or web shop. A till's
 * client names its store (one of the chain's, not disabled): what it sells and redeems is booked there.
 */
export async function createApiClient(actor: UserActor, input: CreateApiClientInput) {
  assertCan(actor, 'apiClients:manage');
  const secret = randomBytes(32).toString('base64url');
  try {
    const client = await getDb().$transaction(async (tx) => {
      if (input.storeId) {
        const store = await tx.store.findFirst({ where: { id: input.storeId, accountId: actor.accountId, isDisabled: false } });
        if (!store)
          throw new AppError(
            'INVALID_INPUT',
            'Choose a store of this chain.',
            { fieldErrors: { storeId: ['Choose a store of this chain'] } },
            userMessage('chooseChainStore'),
          );
      }
      const client = await tx.apiClient.create({
        data: {
          accountId: actor.accountId,
          clientId: input.clientId,
          name: input.name,
          scopes: [input.scope],
          storeId: input.storeId,
          secretHash: await hashPassword(secret),
          createdBy: actorRef(actor),
        },
      });
      await recordAuditEvent(
        {
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'api_client.create',
          target: { type: 'api_client', id: client.id },
          data: { client_id: client.clientId, scopes: client.scopes, store_id: client.storeId },
        },
        tx,
      );
      return client;
    });
    return { clientId: client.clientId, secret };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'That client id is taken', { fieldErrors: { clientId: ['That client id is taken'] } }, userMessage('clientIdTaken'));
    }
    throw error;
  }
}
