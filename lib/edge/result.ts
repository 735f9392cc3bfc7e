/**
 * What every server action answers (lib/edge/form-action.ts, data-action.ts): one result type,
 * `{ ok: true, data } | { ok: false, code, message, fieldErrors? }`, and the one helper that turns
 * zod issues into field errors. Client components import these types; nothing here runs on the
 * server only.
 */
import type { z } from 'zod';
import type { ErrorCode } from '@/lib/errors';

/** Errors per form field, every one of them (not just the first); `_form` for the form as a whole. */
export type FieldErrors = Record<string, string[] | undefined>;

export interface ActionFailure {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** A machine-readable refusal reason from the domain error's details (e.g. `already_activated`). */
  reason?: string;
  /** Form actions only: what was typed, to fill the form in again (never secrets). */
  values?: Record<string, string>;
}

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/**
 * The state of a form driven by `useActionState`: null before the first submission; a success
 * carries a fresh `id` per submission, so a form can reset itself with `key={state.id}`.
 */
export type FormState<T = string> = { ok: true; data: T; id: string } | ActionFailure | null;

/**
 * What a form shows on success, widened: a message is a `string` (not the literal union the
 * action returns), and an action that only redirects still has a string message type.
 */
export type FormDataOf<T> = [T] extends [never] ? string : T extends string ? string : T;

export const INVALID_FIELDS_MESSAGE = 'Please correct the highlighted fields.';

/** Every zod issue as a field error, keyed by the first path segment (`_form` for the root). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
  return fieldErrors;
}
