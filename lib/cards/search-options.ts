import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/**
 * What the card search form offers: the account's stores (the "store of activation" choice), its
 * currency (the unit of the balance fields) and time zone (of the date fields). HQ (`cards:read`).
 */
export async function getCardSearchOptions(actor: UserActor) {
  assertCan(actor, 'cards:read');
  const db = getDb();
  const [account, stores] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { defaultCurrency: true, timeZone: true } }),
    db.store.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { currency: account.defaultCurrency, timeZone: account.timeZone, stores };
}
