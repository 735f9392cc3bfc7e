'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { updateStorePolicySchema } from '@/lib/accounts/schemas';
import { updateStorePolicy } from '@/lib/accounts/update-store-policy';
import { formAction } from '@/lib/edge/form-action';

export const updateStorePolicyAction = formAction('updateStorePolicy', 'settings:manage', updateStorePolicySchema, async (actor, input) => {
  await updateStorePolicy(actor, input);
  revalidatePath('/hq/settings');
  revalidatePath('/store', 'layout');
  return (await getTranslations('hqSettings'))('saved');
});
