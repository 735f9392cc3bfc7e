/**
 * The print-run order, as the HQ form sends it (strings and checkboxes). The PIN and token
 * formats are checked with the Wallet API's own format schemas, so both paths accept exactly the
 * same formats; their errors come back on the form's field names (pinLength, tokenPrefix, …).
 */
import { z } from 'zod';
import { pinFormatSchema, tokenFormatSchema } from '@/lib/secrets/format';
import { fitsPadding } from './card-id-scheme';

export const MAX_PRINT_RUN = 100_000;

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === true);
const int = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')}`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));

export const orderPrintRunSchema = z
  .object({
    quantity: int('Quantity', 1, MAX_PRINT_RUN),
    type: z.enum(['gift_card', 'credit_note'], { message: 'Choose a card type' }),
    idPrefix: z
      .string()
      .trim()
      .max(40, 'Use at most 40 characters')
      .regex(/^[A-Za-z0-9_-]*$/, 'Use letters, digits, dashes and underscores only'),
    startSequence: int('Start number', 0, 999_999_999_999),
    padWidth: int('Digits', 1, 12),
    luhn: checkbox,
    pinLength: z.coerce.number({ message: 'Length must be a number' }),
    pinPrefix: z.string().optional().default(''),
    pinNumbers: checkbox,
    pinCharacters: checkbox,
    pinSymbols: checkbox,
    pinBarcode: checkbox,
    tokenLength: z.coerce.number({ message: 'Length must be a number' }),
    tokenPrefix: z.string().optional().default(''),
    tokenNumbers: checkbox,
    tokenCharacters: checkbox,
    tokenSymbols: checkbox,
    tokenBarcode: checkbox,
    manufacturer: optionalText(255),
    purchaseOrder: optionalText(255),
    note: optionalText(2000),
  })
  .transform((v, ctx) => {
    const format = (p: 'pin' | 'token', schema: typeof pinFormatSchema) => {
      const f =
        p === 'pin'
          ? { length: v.pinLength, prefix: v.pinPrefix, numbers: v.pinNumbers, characters: v.pinCharacters, symbols: v.pinSymbols, barcode: v.pinBarcode }
          : { length: v.tokenLength, prefix: v.tokenPrefix, numbers: v.tokenNumbers, characters: v.tokenCharacters, symbols: v.tokenSymbols, barcode: v.tokenBarcode };
      const parsed = schema.safeParse(f);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'numbers');
          ctx.addIssue({ code: 'custom', message: issue.message, path: [`${p}${field[0]!.toUpperCase()}${field.slice(1)}`] });
        }
        return z.NEVER;
      }
      return parsed.data;
    };
    const pinFormat = format('pin', pinFormatSchema);
    const tokenFormat = format('token', tokenFormatSchema);
    const scheme = { prefix: v.idPrefix, start: v.startSequence, padWidth: v.padWidth, luhn: v.luhn };
    if (!fitsPadding(scheme, v.quantity)) {
      ctx.addIssue({ code: 'custom', path: ['padWidth'], message: 'The last card number needs more digits' });
    }
    return {
      quantity: v.quantity,
      type: v.type,
      scheme,
      pinFormat,
      tokenFormat,
      manufacturer: v.manufacturer,
      purchaseOrder: v.purchaseOrder,
      note: v.note,
    };
  });
export type OrderPrintRunInput = z.output<typeof orderPrintRunSchema>;
