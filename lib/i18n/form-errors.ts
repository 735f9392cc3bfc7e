/**
 * A form's failure in the user's language, given the catalogue next-intl loaded for them (the
 * edge, lib/edge/translate.ts, passes it in): zod's messages through a per-parse error map,
 * schema messages and domain field errors back to their keys. Pure, so it is tested without a
 * request. What the API answers never goes through here.
 */
import { createTranslator } from 'next-intl';
import type { z } from 'zod';
import type { Locale } from './locales';
import { translateUserMessage, type UserMessage } from './user-message';
import { validationMessageOf, zodIssueMessage, type ValidationMessage } from './validation-message';

type Catalogue = Record<string, unknown>;
type FieldErrors = Record<string, string[] | undefined>;

export function translateValidationMessage(message: ValidationMessage, locale: Locale, messages: Catalogue): string {
  const t = createTranslator({ locale, messages }) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return t(`validation.${message.key}`, message.params);
}

/** For `schema.safeParse(value, { error })` at the form edge: zod's own messages in `locale`. */
export function formErrorMap(locale: Locale, messages: Catalogue): z.core.$ZodErrorMap {
  return (issue) => translateValidationMessage(zodIssueMessage(issue), locale, messages);
}

/** A field error made by validationText, in `locale`; any other text as it is. */
export function translateFieldText(text: string, locale: Locale, messages: Catalogue): string {
  const known = validationMessageOf(text);
  return known ? translateValidationMessage(known, locale, messages) : text;
}

/**
 * Field errors in `locale`: a field the domain error's UserMessage names (`fields`) gets that
 * message; a field whose English error repeats the error's English `message` gets the
 * translated message; the rest go through translateFieldText.
 */
export function localizeFieldErrors(
  fieldErrors: FieldErrors,
  locale: Locale,
  messages: Catalogue,
  domain?: { userMessage: UserMessage; englishMessage: string },
): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, texts] of Object.entries(fieldErrors)) {
    if (!texts) continue;
    const own = domain?.userMessage.fields?.[field];
    if (own) out[field] = [translateUserMessage(own, locale, messages)];
    else
      out[field] = texts.map((text) =>
        domain && text.replace(/\.$/, '') === domain.englishMessage.replace(/\.$/, '')
          ? translateUserMessage(domain.userMessage, locale, messages)
          : translateFieldText(text, locale, messages),
      );
  }
  return out;
}
