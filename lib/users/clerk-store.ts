import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';

/**
 * The store a clerk is put in (a new clerk, or one moved): a store of `accountId` that is not
 * disabled, else a field error on `storeId`. One rule for createUser and assignClerkStore.
 */
export async function enabledStoreForClerk(db: DbTx, accountId: string, storeId: string) {
  const store = await db.store.findFirst({ where: { id: storeId, accountId } });
  if (!store)
    throw new AppError(
      'INVALID_INPUT',
      'Choose a store',
      { fieldErrors: { storeId: ['Unknown store'] } },
      userMessage('chooseAStore', undefined, { storeId: userMessage('unknownStore') }),
    );
  if (store.isDisabled) {
    throw new AppError('INVALID_INPUT', 'That store is disabled', { fieldErrors: { storeId: ['That store is disabled'] } }, userMessage('storeDisabled'));
  }
  return store;
}
