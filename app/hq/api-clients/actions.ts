'use server';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/edge/session';
import { formAction } from '@/lib/edge/form-action';
import { createApiClient } from '@/lib/api-clients/create-api-client';
import { revokeApiClient } from '@/lib/api-clients/revoke-api-client';
import { createApiClientSchema, revokeApiClientSchema } from '@/lib/api-clients/schemas';
import { isAppError } from '@/lib/errors';
import { safeParseInput } from '@/lib/input/well-formed';

export type CreateApiClientState =
  | null
  | { ok: true; clientId: string; secret: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[] | undefined>; values?: Record<string, string> };

/** Not through formAction: its success state must carry the one-time secret back to the page. */
export async function createApiClientAction(_previous: CreateApiClientState, formData: FormData): Promise<CreateApiClientState> {
  const values = { name: String(formData.get('name') ?? ''), clientId: String(formData.get('clientId') ?? ''), scope: String(formData.get('scope') ?? '') };
  try {
    const actor = await requireActor('apiClients:manage');
    const parsed = safeParseInput(createApiClientSchema, values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
      return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors, values };
    }
    const created = await createApiClient(actor, parsed.data);
    revalidatePath('/hq/api-clients');
    return { ok: true, ...created };
  } catch (error) {
    if (isAppError(error)) {
      const details = error.details as { fieldErrors?: Record<string, string[]> } | undefined;
      return { ok: false, message: error.message, fieldErrors: details?.fieldErrors, values };
    }
    throw error;
  }
}

export const revokeApiClientAction = formAction('revokeApiClient', 'apiClients:manage', revokeApiClientSchema, async (actor, input) => {
  await revokeApiClient(actor, input);
  revalidatePath('/hq/api-clients');
  return 'API client revoked.';
});
