/**
 * The wrappers every form's server action goes through, so no action can skip a step:
 * - `formAction`: the signed-in user, loaded fresh, with the permission → the FormData parsed with
 *   the input's zod schema (every field's error) → the domain call → `{ ok: true, data, id }`;
 * - `publicFormAction`: the same without a session (the sign-in form);
 * - `navigationAction`: a plain `<form action>` whose outcome is a redirect (sign-out).
 * An expected failure (AppError, unique violation, BUSY) becomes `{ ok: false, code, message,
 * fieldErrors?, values }` through lib/edge/respond.ts, its message and field errors in the user's
 * language (lib/edge/translate.ts: the domain's message keys, zod's and the schemas' validation
 * messages); Next's redirect()/notFound() signals pass
 * through; anything else is logged with the action's name and thrown (error.tsx shows it).
 */
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { logger } from '@/lib/logger';
import { actionFailure } from './respond';
import type { ActionFailure, FormDataOf, FormState } from './result';
import { invalidFieldsMessage, parseForm, translateFailure } from './translate';
import { requireActor } from './session';

/** What was typed, to fill the form in again — never secrets (passwords, PINs, card codes). */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$') && !/password|secret/i.test(key) && !/^(pin|token|card_token|code)$/i.test(key)) values[key] = value;
  }
  return values;
}

/** An expected failure as a result; Next's control-flow signals and unexpected errors are rethrown (the latter logged). */
export async function failureOrThrow(name: string, error: unknown, values?: Record<string, string>): Promise<ActionFailure> {
  unstable_rethrow(error);
  const failure = actionFailure(error, values);
  // The message in the user's language when the domain gave a UserMessage (lib/edge/translate.ts).
  if (failure) return translateFailure(failure, error);
  logger.error({ action: name, err: error }, 'server action failed');
  throw error;
}

function runForm<S extends z.ZodType, A, T>(name: string, load: () => Promise<A>, schema: S, run: (caller: A, input: z.output<S>) => Promise<T>) {
  return async (_previous: FormState<FormDataOf<T>>, formData: FormData): Promise<FormState<FormDataOf<T>>> => {
    const values = formValues(formData);
    try {
      const caller = await load();
      // NUL characters and unpaired surrogates are field errors too (lib/input/well-formed.ts);
      // every field error is in the user's language (lib/edge/translate.ts).
      const parsed = await parseForm(schema, Object.fromEntries(formData.entries()));
      if (!parsed.success) return { ok: false, code: 'UNPROCESSABLE', message: await invalidFieldsMessage(), fieldErrors: parsed.fieldErrors, values };
      return { ok: true, data: (await run(caller, parsed.data)) as FormDataOf<T>, id: randomUUID() };
    } catch (error) {
      return await failureOrThrow(name, error, values);
    }
  };
}

export function formAction<S extends z.ZodType, T>(name: string, permission: Permission, schema: S, run: (actor: UserActor, input: z.output<S>) => Promise<T>) {
  return runForm(name, () => requireActor(permission), schema, run);
}

/** For the forms of signed-out visitors (sign-in): no session, the rest as formAction. */
export function publicFormAction<S extends z.ZodType, T>(name: string, schema: S, run: (input: z.output<S>) => Promise<T>) {
  return runForm(
    name,
    async () => null,
    schema,
    (_caller, input) => run(input),
  );
}

/** For a plain `<form action>` with no state to show, whose outcome is a redirect (sign-out). */
export function navigationAction(name: string, run: () => Promise<void>) {
  return async (): Promise<void> => {
    try {
      await run();
    } catch (error) {
      unstable_rethrow(error);
      logger.error({ action: name, err: error }, 'server action failed');
      throw error;
    }
  };
}
