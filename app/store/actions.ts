'use server';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { dataAction } from '@/lib/edge/data-action';
import { formAction } from '@/lib/edge/form-action';
import { translate } from '@/lib/edge/translate';
import { activateAtStore } from '@/lib/counter/activate-at-store';
import { blockAtCounter } from '@/lib/counter/block-at-counter';
import { findCardForSale } from '@/lib/counter/find-card-for-sale';
import { getCounterStore } from '@/lib/counter/get-counter-store';
import { lookupBalance } from '@/lib/counter/lookup-balance';
import { activateAtStoreSchema, blockAtCounterSchema, lookupBalanceSchema, resolveCardSchema, undoActivationSchema } from '@/lib/counter/schemas';
import { undoActivation } from '@/lib/counter/undo-activation';
import { formatMoney } from '@/lib/money/format';
import { STORE_COOKIE } from './_lib/counter-store';

/** The card and, when it may not be sold, why — in the clerk's language (lib/edge/translate.ts). */
export const findCardForSaleAction = dataAction('findCardForSale', 'cards:activate', resolveCardSchema, async (actor, input) => {
  const found = await findCardForSale(actor, input);
  const problem = found.problem?.userMessage ? { reason: found.problem.reason, message: await translate(found.problem.userMessage) } : found.problem;
  return { ...found, problem };
});

export const activateAtStoreAction = dataAction('activateAtStore', 'cards:activate', activateAtStoreSchema, async (actor, input) => {
  const receipt = await activateAtStore(actor, input);
  revalidatePath('/store/today');
  return receipt;
});

export const lookupBalanceAction = dataAction('lookupBalance', 'balance:lookup', lookupBalanceSchema, lookupBalance);

export const undoActivationAction = formAction('undoActivation', 'cards:activate', undoActivationSchema, async (actor, input) => {
  const undone = await undoActivation(actor, input);
  revalidatePath('/store/today');
  const t = await getTranslations('store.today');
  return t('undone', { cardId: undone.cardId, amount: undone.currency ? formatMoney(undone.amount, undone.currency, await getLocale()) : '—' });
});

/** "Block this card" on the counter's card panel: blocks at once (audited); only head office unblocks. */
export const blockAtCounterAction = formAction('blockAtCounter', 'cards:blockAtCounter', blockAtCounterSchema, async (actor, input) => {
  await blockAtCounter(actor, input);
  return (await getTranslations('blockCardForm'))('blockedAtCounter', { cardId: input.cardId });
});

/** HQ users choose the store they act for in the store area; remembered in a cookie. */
export const chooseStoreAction = formAction('chooseStore', 'store:use', z.object({ storeId: z.uuid(validationText('chooseStore')) }), async (actor, input) => {
  const store = await getCounterStore(actor, input.storeId);
  (await cookies()).set(STORE_COOKIE, store.id, { httpOnly: true, sameSite: 'lax', path: '/store', maxAge: 60 * 60 * 12 });
  revalidatePath('/store', 'layout');
  return (await getTranslations('store.chooser'))('working', { store: store.name });
});
