'use server';
import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/edge/form-action';
import { createStore } from '@/lib/stores/create-store';
import { createStoreSchema, setStoreDisabledSchema } from '@/lib/stores/schemas';
import { setStoreDisabled } from '@/lib/stores/set-store-disabled';

export const createStoreAction = formAction('createStore', 'stores:manage', createStoreSchema, async (actor, input) => {
  const store = await createStore(actor, input);
  revalidatePath('/hq/stores');
  return `Store “${store.name}” created.`;
});

export const setStoreDisabledAction = formAction('setStoreDisabled', 'stores:manage', setStoreDisabledSchema, async (actor, input) => {
  await setStoreDisabled(actor, input);
  revalidatePath('/hq/stores');
  return input.isDisabled ? 'Store disabled.' : 'Store enabled.';
});
