/**
 * The wrapper every form's server action goes through: it checks the session and permission,
 * parses the FormData with the input's zod schema, calls the domain function, and turns an
 * AppError into form state with every field's error — so no action can skip a step.
 */
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/edge/session';
import { toAppError } from '@/lib/errors';
import { safeParseInput } from '@/lib/input/well-formed';
import { logger } from '@/lib/logger';

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionState =
  | { ok: true; message: string; /** New per success, to reset a form with `key`. */ id: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | null;

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    // Never echo secrets back into the page.
    if (typeof value === 'string' && !key.startsWith('$') && !/password|secret/i.test(key) && !/^(pin|token|card_token|code)$/i.test(key)) values[key] = value;
  }
  return values;
}

function fieldErrorsOf(details: unknown): FieldErrors | undefined {
  if (typeof details === 'object' && details !== null && 'fieldErrors' in details) {
    return details.fieldErrors as FieldErrors;
  }
  return undefined;
}

export function formAction<S extends z.ZodType>(
  name: string,
  permission: Permission,
  schema: S,
  run: (actor: UserActor, input: z.output<S>) => Promise<string>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const actor = await requireActor(permission);
      // NUL characters and unpaired surrogates are field errors too (lib/input/well-formed.ts).
      const parsed = safeParseInput(schema, Object.fromEntries(formData.entries()));
      if (!parsed.success) {
        const fieldErrors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? '_form');
          (fieldErrors[key] ??= []).push(issue.message);
        }
        return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors, values };
      }
      const message = await run(actor, parsed.data);
      return { ok: true, message, id: randomUUID() };
    } catch (error) {
      // Next's redirect()/notFound() signals pass through untouched (not logged as failures).
      unstable_rethrow(error);
      const appError = toAppError(error);
      if (appError) return { ok: false, message: appError.message, fieldErrors: fieldErrorsOf(appError.details), values };
      logger.error({ action: name, err: error }, 'server action failed');
      throw error;
    }
  };
}
