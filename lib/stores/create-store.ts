import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { CreateStoreInput } from './schemas';

/** Creates a store in the actor's account. Store names are unique per account. HQ admins only. */
export async function createStore(actor: UserActor, input: CreateStoreInput) {
  assertCan(actor, 'stores:manage');
  try {
    return await getDb().$transaction(async (tx) => {
      const store = await tx.store.create({
        data: { accountId: actor.accountId, name: input.name, currency: input.currency, locale: input.locale ?? null },
        select: { id: true, name: true, currency: true, locale: true },
      });
      await recordAuditEvent(
        {
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'store.create',
          target: { type: 'store', id: store.id },
          data: { name: store.name, currency: store.currency, locale: store.locale },
        },
        tx,
      );
      return store;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'CONFLICT',
        'A store with that name already exists',
        {
          fieldErrors: { name: ['A store with that name already exists'] },
        },
        userMessage('storeNameTaken'),
      );
    }
    throw error;
  }
}
