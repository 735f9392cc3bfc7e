import { FALLBACK_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';
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
  /** The language its receipts print in: the store's setting, else the account's default. */
  receiptLocale: Locale;
}

const STORE_SELECT = { id: true, name: true, currency: true, locale: true, account: { select: { defaultLocale: true } } } as const;

function counterStore(store: { id: string; name: string; currency: string; locale: string | null; account: { defaultLocale: string } }): CounterStore {
  return { id: store.id, name: store.name, currency: store.currency, receiptLocale: storeReceiptLocale(store.locale, store.account.defaultLocale) };
}

/** A store's receipt language: its own setting, else the account's default, else the fallback. */
export function storeReceiptLocale(storeLocale: string | null, accountDefault: string | null): Locale {
  if (isLocale(storeLocale)) return storeLocale;
  return isLocale(accountDefault) ? accountDefault : FALLBACK_LOCALE;
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
    select: STORE_SELECT,
  });
  if (!store) throw new AppError('NOT_FOUND', 'That store does not exist or is disabled.', { fieldErrors: { storeId: ['Choose a store'] } }, userMessage('storeUnavailable'));
  return counterStore(store);
}

/** The stores the actor may choose at the counter: their own for a clerk, every enabled one for HQ. */
export async function listCounterStores(actor: UserActor): Promise<CounterStore[]> {
  assertCan(actor, 'store:use');
  if (!isHeadOffice(actor) && !actor.storeId) return [];
  const stores = await getDb().store.findMany({
    where: { accountId: actor.accountId, isDisabled: false, ...(isHeadOffice(actor) ? {} : { id: actor.storeId! }) },
    orderBy: { name: 'asc' },
    select: STORE_SELECT,
  });
  return stores.map(counterStore);
}

/** HQ may act for every store and undo any activation before first use; clerks only their own. */
export function isHeadOffice(actor: UserActor): boolean {
  return can(actor.role, 'hq:view');
}
