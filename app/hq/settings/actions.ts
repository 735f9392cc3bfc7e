'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { updateDualControlFormSchema } from '@/lib/approvals/schemas';
import { updateDualControlSettings } from '@/lib/approvals/update-dual-control-settings';
import { setDefaultLocaleSchema, updateStorePolicySchema } from '@/lib/accounts/schemas';
import { setDefaultLocale } from '@/lib/accounts/set-default-locale';
import { LOCALE_NAMES } from '@/lib/i18n/locales';
import { updateStorePolicy } from '@/lib/accounts/update-store-policy';
import { formAction } from '@/lib/edge/form-action';

export const updateStorePolicyAction = formAction('updateStorePolicy', 'settings:manage', updateStorePolicySchema, async (actor, input) => {
  await updateStorePolicy(actor, input);
  revalidatePath('/hq/settings');
  revalidatePath('/store', 'layout');
  return (await getTranslations('hqSettings'))('saved');
});

/** Four-eyes settings: a stricter change applies at once; a looser one opens a request for another admin. */
export const updateDualControlAction = formAction('updateDualControl', 'settings:manage', updateDualControlFormSchema, async (actor, input) => {
  const outcome = await updateDualControlSettings(actor, input);
  revalidatePath('/hq/settings');
  revalidatePath('/hq/approvals');
  const t = await getTranslations('hqApprovals');
  return outcome.status === 'executed' ? t('settings.saved') : t('settings.requested');
});

/** The account's default UI language (users without their own; stores without a receipt language). */
export const setDefaultLocaleAction = formAction('setDefaultLocale', 'settings:manage', setDefaultLocaleSchema, async (actor, input) => {
  await setDefaultLocale(actor, input);
  revalidatePath('/', 'layout');
  return (await getTranslations('hqSettings'))('languageSaved', { language: LOCALE_NAMES[input.locale] });
});
