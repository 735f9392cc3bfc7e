'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formAction } from '@/lib/edge/form-action';
import { accountDefaultLocale } from '@/lib/accounts/get-account';
import { LOCALE_NAMES } from '@/lib/i18n/locales';
import { createStore } from '@/lib/stores/create-store';
import { createStoreSchema, setStoreDisabledSchema, setStoreLocaleSchema } from '@/lib/stores/schemas';
import { setStoreDisabled } from '@/lib/stores/set-store-disabled';
import { setStoreLocale } from '@/lib/stores/set-store-locale';

export const createStoreAction = formAction('createStore', 'stores:manage', createStoreSchema, async (actor, input) => {
  const store = await createStore(actor, input);
  revalidatePath('/hq/stores');
  return (await getTranslations('hqStores'))('created', { name: store.name });
});

export const setStoreDisabledAction = formAction('setStoreDisabled', 'stores:manage', setStoreDisabledSchema, async (actor, input) => {
  await setStoreDisabled(actor, input);
  revalidatePath('/hq/stores');
  const t = await getTranslations('hqStores');
  return input.isDisabled ? t('disabledDone') : t('enabledDone');
});

/** HQ → Stores: the language the store's receipts print in ('' = the account's default). */
export const setStoreLocaleAction = formAction('setStoreLocale', 'stores:manage', setStoreLocaleSchema, async (actor, input) => {
  await setStoreLocale(actor, input);
  revalidatePath('/hq/stores');
  const t = await getTranslations('hqStores');
  return t('localeSaved', { language: input.locale ? LOCALE_NAMES[input.locale] : t('accountDefault', { language: LOCALE_NAMES[await accountDefaultLocale(actor)] }) });
});
