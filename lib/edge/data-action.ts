/**
 * Like formAction, for server actions a client component calls directly and whose result is
 * data rather than a message (the store counter's steps): the signed-in user with the permission
 * → zod parse of the input (FormData or a plain object) → the domain call →
 * `{ ok: true, data }`, or `{ ok: false, code, message, fieldErrors?, reason? }` for an expected
 * failure (lib/edge/respond.ts). Anything unexpected is logged and thrown.
 */
import type { z } from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { failureOrThrow } from './form-action';
import type { ActionResult } from './result';
import { invalidFieldsMessage, parseForm } from './translate';
import { requireActor } from './session';

export function dataAction<S extends z.ZodType, T>(name: string, permission: Permission, schema: S, run: (actor: UserActor, input: z.output<S>) => Promise<T>) {
  return async (input: FormData | Record<string, unknown>): Promise<ActionResult<T>> => {
    try {
      const actor = await requireActor(permission);
      // NUL characters and unpaired surrogates are field errors too (lib/input/well-formed.ts);
      // field errors and failures in the user's language, as for forms (lib/edge/translate.ts).
      const parsed = await parseForm(schema, input instanceof FormData ? Object.fromEntries(input.entries()) : input);
      if (!parsed.success) return { ok: false, code: 'UNPROCESSABLE', message: await invalidFieldsMessage(), fieldErrors: parsed.fieldErrors };
      return { ok: true, data: await run(actor, parsed.data) };
    } catch (error) {
      return await failureOrThrow(name, error);
    }
  };
}
