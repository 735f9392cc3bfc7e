/**
 * Domain errors meant for people, as a code and parameters (issue 15): the domain throws an
 * AppError with an English `message` (what the API answers) and a `UserMessage` — a key of the
 * `errors` namespace of messages/*.json and its parameters. The edge (lib/edge/translate.ts)
 * words it in the user's language for the browser. Keys are typed against the English
 * catalogue, so a key that does not exist does not compile; lib/i18n/messages.test.ts checks
 * every catalogue has every key with the same ICU arguments.
 *
 * Parameters stay data until the edge: a date is formatted in the user's language and the
 * account's time zone, an amount with formatMoney in the user's language.
 */
import { createTranslator } from 'next-intl';
import type en from '@/messages/en.json';
import { formatMoney } from '@/lib/money/format';
import { formatDate, formatDateTime } from '@/lib/time/format';
import { INTL_LOCALES, type Locale } from './locales';

export type ErrorMessageKey = keyof (typeof en)['errors'];

export type MessageParam =
  string | number | { dateTime: Date | string; timeZone: string } | { date: Date | string; timeZone: string } | { money: number | bigint; currency: string };

export interface UserMessage {
  key: ErrorMessageKey;
  params?: Record<string, MessageParam>;
  /**
   * A field error of the form that is not the message itself (the error's `details.fieldErrors`
   * holds the English one for the API). A field whose English error repeats the `message` needs
   * no entry: the edge shows the translated message there too.
   */
  fields?: Record<string, UserMessage>;
}

export function userMessage(key: ErrorMessageKey, params?: Record<string, MessageParam>, fields?: Record<string, UserMessage>): UserMessage {
  return { key, ...(params ? { params } : {}), ...(fields ? { fields } : {}) };
}

/** The parameters as next-intl takes them: dates and amounts formatted in `locale`. */
export function formatMessageParams(params: Record<string, MessageParam> | undefined, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = value;
    else if ('dateTime' in value) out[name] = formatDateTime(value.dateTime, value.timeZone, INTL_LOCALES[locale]);
    else if ('date' in value) out[name] = formatDate(value.date, value.timeZone, INTL_LOCALES[locale]);
    else out[name] = formatMoney(value.money, value.currency, locale);
  }
  return out;
}

type Catalogue = Record<string, unknown>;

/** A UserMessage in `locale`, from that locale's catalogue (the edge passes next-intl's messages). */
export function translateUserMessage(message: UserMessage, locale: Locale, messages: Catalogue): string {
  // Keys are checked by the ErrorMessageKey type; the catalogue here is whatever next-intl loaded.
  const t = createTranslator({ locale, messages }) as unknown as (key: string, values: Record<string, string | number>) => string;
  return t(`errors.${message.key}`, formatMessageParams(message.params, locale));
}
