import type { UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { StorePolicy } from './store-policy';

/**
 * The account's store-counter policy. Any signed-in user of the account may read it.
 *
 * HQ sets the amounts (quick amounts, min/max per card) in the account's default currency. For a
 * store selling in `currency`, they apply only when that is the account's currency: 500 NOK is
 * not 500 EUR, so a store in another currency gets no quick amounts and no amount limits.
 */
export async function getStorePolicy(actor: Pick<UserActor, 'accountId'>, options: { currency?: string; db?: DbTx } = {}): Promise<StorePolicy> {
  const { currency, db = getDb() } = options;
  const account = await db.account.findUniqueOrThrow({
    where: { id: actor.accountId },
    select: {
      defaultCurrency: true,
      cardDenominations: true,
      cardMinAmount: true,
      cardMaxAmount: true,
      timeZone: true,
      walletSettings: { select: { defaultCardExpiresInDays: true } },
    },
  });
  const amountsApply = currency === undefined || currency === account.defaultCurrency;
  return {
    denominations: amountsApply ? account.cardDenominations.map(Number) : [],
    minAmount: amountsApply && account.cardMinAmount !== null ? Number(account.cardMinAmount) : null,
    maxAmount: amountsApply && account.cardMaxAmount !== null ? Number(account.cardMaxAmount) : null,
    expiryDays: account.walletSettings?.defaultCardExpiresInDays || null,
    timeZone: account.timeZone,
  };
}
