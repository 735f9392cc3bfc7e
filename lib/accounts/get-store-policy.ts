import type { UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { StorePolicy } from './store-policy';

/** The account's store-counter policy. Any signed-in user of the account may read it. */
export async function getStorePolicy(actor: Pick<UserActor, 'accountId'>, db: DbTx = getDb()): Promise<StorePolicy> {
  const account = await db.account.findUniqueOrThrow({
    where: { id: actor.accountId },
    select: { cardDenominations: true, cardMinAmount: true, cardMaxAmount: true, cardExpiryMonths: true, timeZone: true },
  });
  return {
    denominations: account.cardDenominations.map(Number),
    minAmount: account.cardMinAmount === null ? null : Number(account.cardMinAmount),
    maxAmount: account.cardMaxAmount === null ? null : Number(account.cardMaxAmount),
    expiryMonths: account.cardExpiryMonths,
    timeZone: account.timeZone,
  };
}
