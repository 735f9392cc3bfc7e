'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formAction } from '@/lib/edge/form-action';
import { assignClerkStore } from '@/lib/users/assign-clerk-store';
import { createUser } from '@/lib/users/create-user';
import { assignClerkStoreSchema, createUserSchema, setUserDisabledSchema } from '@/lib/users/schemas';
import { setUserDisabled } from '@/lib/users/set-user-disabled';

export const createUserAction = formAction('createUser', 'users:manage', createUserSchema, async (actor, input) => {
  const user = await createUser(actor, input);
  revalidatePath('/hq/users');
  return (await getTranslations('hqUsers'))('created', { email: user.email });
});

export const setUserDisabledAction = formAction('setUserDisabled', 'users:manage', setUserDisabledSchema, async (actor, input) => {
  await setUserDisabled(actor, input);
  revalidatePath('/hq/users');
  const t = await getTranslations('hqUsers');
  return input.isDisabled ? t('disabledDone') : t('enabledDone');
});

export const assignClerkStoreAction = formAction('assignClerkStore', 'users:manage', assignClerkStoreSchema, async (actor, input) => {
  await assignClerkStore(actor, input);
  revalidatePath('/hq/users');
  return (await getTranslations('hqUsers'))('assigned');
});
