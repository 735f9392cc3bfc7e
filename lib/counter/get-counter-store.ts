import { userMessage } from '@/lib/i18n/user-message';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

export interface CounterStore {
  id: string;
  name: string;
  currency: string;
}

/**
 * The store the actor works at the counter for. A clerk always works for their own store (asking
 * for another is refused); HQ roles may act for any enabled store of their account.
 */
export async function getCounterStore(actor: UserActor, requestedStoreId: string | undefined): Promise<CounterStore> {
  assertCan(actor, 'store:use');
  if (!isHeadOffice(actor)) {
    if (!actor.storeId) throw new AppError('FORBIDDEN', 'You are not assigned to a store.', undefined, userMessage('notAssigned'));
    if (requestedStoreId && requestedStoreId !== actor.storeId) throw new AppError('FORBIDDEN', 'You can only work for your own store.', undefined, userMessage('notYourStore'));
    requestedStoreId = actor.storeId;
  }
  if (!requestedStoreId) throw new AppError('INVALID_INPUT', 'Choose the store you are selling for.', { fieldErrors: { storeId: ['Choose a store'] } }, userMessage('chooseStore'));
  const store = await getDb().store.findFirst({
    where: { id: requestedStoreId, accountId: actor.accountId, isDisabled: false },
    select: { id: true, name: true, currency: true },
  });
  if (!store) throw new AppError('NOT_FOUND', 'That store does not exist or is disabled.', { fieldErrors: { storeId: ['Choose a store'] } }, userMessage('storeUnavailable'));
  return store;
}

/** The stores the actor may choose at the counter: their own for a clerk, every enabled one for HQ. */
export async function listCounterStores(actor: UserActor): Promise<CounterStore[]> {
  assertCan(actor, 'store:use');
  if (!isHeadOffice(actor) && !actor.storeId) return [];
  return getDb().store.findMany({
    where: { accountId: actor.accountId, isDisabled: false, ...(isHeadOffice(actor) ? {} : { id: actor.storeId! }) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, currency: true },
  });
}

/** HQ may act for every store and undo any activation before first use; clerks only their own. */
export function isHeadOffice(actor: UserActor): boolean {
  return can(actor.role, 'hq:view');
}
