/**
 * Where a domain error's UserMessage (lib/i18n/user-message.ts) becomes words for the browser:
 * in the signed-in user's language (next-intl's request locale, i18n/request.ts). Server actions
 * only; API routes answer the AppError's English `message` (lib/edge/respond.ts).
 */
import { getLocale, getMessages } from 'next-intl/server';
import { isLocale, FALLBACK_LOCALE } from '@/lib/i18n/locales';
import { translateUserMessage, type UserMessage } from '@/lib/i18n/user-message';
import { toAppError } from '@/lib/errors';
import { INVALID_FIELDS_MESSAGE, type ActionFailure } from './result';

export async function translate(message: UserMessage): Promise<string> {
  const locale = await getLocale();
  return translateUserMessage(message, isLocale(locale) ? locale : FALLBACK_LOCALE, await getMessages());
}

/** "Please correct the highlighted fields." in the user's language. */
export function invalidFieldsMessage(): Promise<string> {
  return translate({ key: 'invalidFields' });
}

/** An action failure with the message in the user's language, when the error has a UserMessage. */
export async function translateFailure(failure: ActionFailure, error: unknown): Promise<ActionFailure> {
  const userMessage = toAppError(error)?.userMessage ?? (failure.message === INVALID_FIELDS_MESSAGE ? { key: 'invalidFields' as const } : undefined);
  return userMessage ? { ...failure, message: await translate(userMessage) } : failure;
}
