/**
 * Where messages meant for people become words for the browser, in the signed-in user's
 * language (next-intl's request locale, i18n/request.ts). Server actions only; API routes answer
 * the AppError's English `message` and zod's English issues (lib/edge/respond.ts, api-route.ts).
 * - a domain error's UserMessage (lib/i18n/user-message.ts), and its per-field messages;
 * - a form's validation errors (lib/i18n/validation-message.ts): zod's own messages through a
 *   per-parse error map, the schemas' own (validationText) back to their catalogue keys.
 */
import { getLocale, getMessages } from 'next-intl/server';
import type { z } from 'zod';
import { formErrorMap, localizeFieldErrors } from '@/lib/i18n/form-errors';
import { isLocale, FALLBACK_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translateUserMessage, type UserMessage } from '@/lib/i18n/user-message';
import { safeParseInput } from '@/lib/input/well-formed';
import { toAppError } from '@/lib/errors';
import { fieldErrorsOf, INVALID_FIELDS_MESSAGE, type ActionFailure, type FieldErrors } from './result';

async function userLanguage(): Promise<{ locale: Locale; messages: Record<string, unknown> }> {
  const locale = await getLocale();
  return { locale: isLocale(locale) ? locale : FALLBACK_LOCALE, messages: await getMessages() };
}

export async function translate(message: UserMessage): Promise<string> {
  const { locale, messages } = await userLanguage();
  return translateUserMessage(message, locale, messages);
}

/** "Please correct the highlighted fields." in the user's language. */
export function invalidFieldsMessage(): Promise<string> {
  return translate({ key: 'invalidFields' });
}

/**
 * `safeParseInput(schema, value)` for a form: on failure, every field's errors in the user's
 * language (zod's messages by the per-parse error map, schema messages by their keys).
 */
export async function parseForm<S extends z.ZodType>(
  schema: S,
  value: unknown,
): Promise<{ success: true; data: z.output<S> } | { success: false; fieldErrors: FieldErrors }> {
  const { locale, messages } = await userLanguage();
  const parsed = safeParseInput(schema, value, { error: formErrorMap(locale, messages) });
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, fieldErrors: localizeFieldErrors(fieldErrorsOf(parsed.error), locale, messages) };
}

/**
 * An action failure with its message and field errors in the user's language: the domain
 * error's UserMessage (and its `fields`), else "correct the highlighted fields" for a form's
 * refusal; field errors made by validationText are translated too.
 */
export async function translateFailure(failure: ActionFailure, error: unknown): Promise<ActionFailure> {
  const { locale, messages } = await userLanguage();
  const appError = toAppError(error);
  const userMessage = appError?.userMessage ?? (failure.message === INVALID_FIELDS_MESSAGE ? { key: 'invalidFields' as const } : undefined);
  const message = userMessage ? translateUserMessage(userMessage, locale, messages) : failure.message;
  const fieldErrors =
    failure.fieldErrors &&
    localizeFieldErrors(failure.fieldErrors, locale, messages, userMessage && appError ? { userMessage, englishMessage: appError.message } : undefined);
  return { ...failure, message, ...(fieldErrors ? { fieldErrors } : {}) };
}
