'use server';
import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/edge/form-action';
import { assignClerkStore } from '@/lib/users/assign-clerk-store';
import { createUser } from '@/lib/users/create-user';
import { assignClerkStoreSchema, createUserSchema, setUserDisabledSchema } from '@/lib/users/schemas';
import { setUserDisabled } from '@/lib/users/set-user-disabled';

export const createUserAction = formAction('createUser', 'users:manage', createUserSchema, async (actor, input) => {
  const user = await createUser(actor, input);
  revalidatePath('/hq/users');
  return `User ${user.email} created.`;
});

export const setUserDisabledAction = formAction('setUserDisabled', 'users:manage', setUserDisabledSchema, async (actor, input) => {
  await setUserDisabled(actor, input);
  revalidatePath('/hq/users');
  return input.isDisabled ? 'User disabled.' : 'User enabled.';
});

export const assignClerkStoreAction = formAction('assignClerkStore', 'users:manage', assignClerkStoreSchema, async (actor, input) => {
  await assignClerkStore(actor, input);
  revalidatePath('/hq/users');
  return 'Store assigned.';
});
