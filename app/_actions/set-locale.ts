'use server';
import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/edge/form-action';
import { setUserLocaleSchema } from '@/lib/users/schemas';
import { setUserLocale } from '@/lib/users/set-user-locale';

/** The profile's language setting: any signed-in user, for themselves; every page re-renders in it. */
export const setLocaleAction = formAction('setLocale', 'store:use', setUserLocaleSchema, async (actor, input) => {
  const result = await setUserLocale(actor, input);
  revalidatePath('/', 'layout');
  return result.locale;
});
