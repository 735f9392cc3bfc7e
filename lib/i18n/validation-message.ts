/**
 * Validation messages of forms in the user's language, while the API's validation errors stay
 * English (issue 15). Two kinds of zod message reach a form:
 *
 * 1. A schema's own message (`.min(2, …)`, `ctx.addIssue({ message })`). Schemas write it as
 *    `validationText(key, params)`: the English text of the key in the `validation` namespace
 *    of messages/en.json, which is what zod carries and what the API answers — so the API's
 *    words are the English catalogue's, and nothing about an API body changes. The call also
 *    remembers which key and parameters made that text, and the form edge
 *    (lib/edge/translate.ts) turns a field error back into its key and words it in the user's
 *    language (`validationMessageOf`). A message that was not made this way stays as it is.
 * 2. zod's own message, for a check without one of its own (a missing field, a bad email).
 *    The form edge parses with a per-parse error map (`schema.safeParse(value, { error })`,
 *    which zod consults only for issues without a schema-level message), built by
 *    `zodIssueMessage`: the issue's code and parameters as a `validation` key. The API parses
 *    without it and keeps zod's English.
 *
 * Parameters are strings or numbers as given (numbers are passed as text where the English
 * message must read exactly as before, e.g. "100,000"); lib/i18n/messages.test.ts checks every
 * catalogue has every key with the same arguments.
 */
import { createTranslator } from 'next-intl';
import en from '@/messages/en.json';
import type { z } from 'zod';

export type ValidationKey = keyof (typeof en)['validation'];
export type ValidationParams = Record<string, string | number>;
export interface ValidationMessage {
  key: ValidationKey;
  params?: ValidationParams;
}

const english = createTranslator({ locale: 'en', messages: en, namespace: 'validation' }) as unknown as (key: string, params?: ValidationParams) => string;

/** Texts made by validationText, to their key: bounded, since dynamic parameters could grow it. */
const byText = new Map<string, ValidationMessage>();
const MAX_REMEMBERED = 5_000;

/** The English text of a `validation` message (what zod carries and the API answers), remembered for the form edge. */
export function validationText(key: ValidationKey, params?: ValidationParams): string {
  const text = english(key, params);
  if (!byText.has(text) && byText.size < MAX_REMEMBERED) byText.set(text, params ? { key, params } : { key });
  return text;
}

/** The key and parameters an English validation text was made from, if validationText made it. */
export function validationMessageOf(text: string): ValidationMessage | undefined {
  return byText.get(text);
}

const sizeUnit = (origin: unknown) => (origin === 'string' ? 'chars' : origin === 'array' || origin === 'set' ? 'items' : 'number');

/**
 * zod's issue (one without a message of its own) as a `validation` key, for the form edge's
 * per-parse error map: what a person filling in a form needs to read, not zod's types.
 */
export function zodIssueMessage(issue: z.core.$ZodRawIssue): ValidationMessage {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? { key: 'required' } : { key: 'invalidValue' };
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'required' };
      const unit = sizeUnit(issue.origin);
      return { key: unit === 'number' ? 'atLeast' : unit === 'chars' ? 'atLeastChars' : 'atLeastItems', params: { min: String(issue.minimum) } };
    }
    case 'too_big': {
      const unit = sizeUnit(issue.origin);
      return { key: unit === 'number' ? 'atMost' : unit === 'chars' ? 'atMostChars' : 'atMostItems', params: { max: String(issue.maximum) } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validEmail' };
      if (issue.format === 'url') return { key: 'validUrl' };
      if (issue.format === 'date' || issue.format === 'datetime') return { key: 'validDate' };
      return { key: 'invalidValue' };
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'chooseOption' };
    default:
      return { key: 'invalidValue' };
  }
}

/**
 * For a parse nested inside another schema's transform (the form edge's per-parse map does not
 * reach it): zod's own messages as English catalogue texts, which the form edge then translates
 * like any validationText. Only for schemas no API parses.
 */
export const catalogueErrorMap: z.core.$ZodErrorMap = (issue) => {
  const message = zodIssueMessage(issue);
  return validationText(message.key, message.params);
};
