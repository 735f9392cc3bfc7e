'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { createApiClient } from '@/lib/api-clients/create-api-client';
import { revokeApiClient } from '@/lib/api-clients/revoke-api-client';
import { createApiClientSchema, revokeApiClientSchema } from '@/lib/api-clients/schemas';
import { formAction } from '@/lib/edge/form-action';

/** Its success data carries the one-time secret back to the page, which shows it once. */
export const createApiClientAction = formAction('createApiClient', 'apiClients:manage', createApiClientSchema, async (actor, input) => {
  const created = await createApiClient(actor, input);
  revalidatePath('/hq/api-clients');
  return created;
});

export const revokeApiClientAction = formAction('revokeApiClient', 'apiClients:manage', revokeApiClientSchema, async (actor, input) => {
  await revokeApiClient(actor, input);
  revalidatePath('/hq/api-clients');
  return (await getTranslations('hqApiClients'))('revokedDone');
});
