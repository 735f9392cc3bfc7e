/**
 * The Wallet API's `format` object for PINs and card tokens (reference §5). `length` counts only
 * the generated part: the full value is `prefix + generated`, as in Dintero's `DINCARD:` example.
 * One factory builds both schemas so PINs and tokens differ only in their length limits.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';

/*
 * Alphabets. Secrets are read off printed cards and typed in at tills, so each class avoids
 * characters people confuse or systems mangle:
 * - letters are upper case only (case is easy to misread and mistype) and drop I and O,
 *   which look like 1 and 0;
 * - symbols are printable ASCII that survive CSV, JSON, URLs-in-a-pinch and barcode scanners'
 *   keyboard wedges: no quotes, backslash, backtick, pipe, comma, period or space.
 */
export const DIGITS = '0123456789';
export const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const SYMBOLS = '#$%*+-=?@';

export const PREFIX_MAX_LENGTH = 32;
const NO_CLASS_MESSAGE = validationText('chooseCharClass');
const CLASS_FIELDS: ReadonlySet<PropertyKey> = new Set(['numbers', 'characters', 'symbols']);

function secretFormatSchema(minLength: number, maxLength: number) {
  const lengthMessage = validationText('lengthBetween', { min: String(minLength), max: String(maxLength) });
  return z
    .object({
      length: z.number().int(validationText('mustBeWholeNumber')).min(minLength, lengthMessage).max(maxLength, lengthMessage),
      prefix: z
        .string()
        .max(PREFIX_MAX_LENGTH, validationText('mustBeAtMostChars', { max: String(PREFIX_MAX_LENGTH) }))
        .regex(/^[\x21-\x7E]*$/, validationText('printableAscii'))
        .default(''),
      numbers: z.boolean().default(false),
      characters: z.boolean().default(false),
      symbols: z.boolean().default(false),
      barcode: z.boolean().default(false),
    })
    .refine((f) => f.numbers || f.characters || f.symbols, {
      message: NO_CLASS_MESSAGE,
      path: ['numbers'],
      // Also report this next to a bad length or prefix (every field's error at once), unless a
      // class flag itself is malformed or the format is not an object at all (`null`, missing:
      // then there are no flags to read, and the type error is the one to report).
      when: (payload) => !payload.issues.some((issue) => (issue.path?.length ?? 0) === 0 || CLASS_FIELDS.has(issue.path?.[0] ?? '')),
    });
}

/** PINs: Dintero's minimum is 4 (it was 6). */
export const pinFormatSchema = secretFormatSchema(4, 64);
/** Card tokens: they identify the card, so at least 8 generated characters. */
export const tokenFormatSchema = secretFormatSchema(8, 64);

export type SecretFormat = z.output<typeof pinFormatSchema>;

export const DEFAULT_PIN_FORMAT: Readonly<SecretFormat> = Object.freeze({
  length: 4,
  numbers: true,
  characters: false,
  symbols: false,
  prefix: '',
  barcode: false,
});

export const DEFAULT_TOKEN_FORMAT: Readonly<SecretFormat> = Object.freeze({
  length: 16,
  numbers: true,
  characters: false,
  symbols: false,
  prefix: '',
  barcode: false,
});

/** The characters a format draws from, in a fixed order (digits, letters, symbols). */
export function alphabetFor(format: Pick<SecretFormat, 'numbers' | 'characters' | 'symbols'>): string {
  const alphabet = (format.numbers ? DIGITS : '') + (format.characters ? LETTERS : '') + (format.symbols ? SYMBOLS : '');
  if (alphabet === '') throw new Error(NO_CLASS_MESSAGE);
  return alphabet;
}
