/**
 * Which store the counter pages act for. Clerks: their own. HQ users: the store they chose in the
 * store area (a cookie holding only the id; every domain call re-checks it against the account).
 */
import { cookies } from 'next/headers';
import type { UserActor } from '@/lib/auth/actor';
import { getCounterStore, isHeadOffice, listCounterStores, type CounterStore } from '@/lib/counter/get-counter-store';
import { isAppError } from '@/lib/errors';

export const STORE_COOKIE = 'cardstock_counter_store';

export async function chosenStoreId(): Promise<string | undefined> {
  return (await cookies()).get(STORE_COOKIE)?.value || undefined;
}

/** The store to act for, or null when an HQ user has not chosen one (or it was disabled since). */
export async function currentCounterStore(actor: UserActor): Promise<CounterStore | null> {
  const requested = isHeadOffice(actor) ? await chosenStoreId() : undefined;
  if (isHeadOffice(actor) && !requested) return null;
  try {
    return await getCounterStore(actor, requested);
  } catch (error) {
    if (isAppError(error) && isHeadOffice(actor)) return null;
    throw error;
  }
}

export { isHeadOffice, listCounterStores };
