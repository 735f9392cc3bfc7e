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

const orderFieldsSchema = z.object({
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
  manufacturer: optionalText(255),
  purchaseOrder: optionalText(255),
  note: optionalText(2000),
});

/**
 * Parses the form in one pass that reports every problem at once: the plain fields, both
 * formats and the padding check (zod would skip the later checks once a plain field failed).
 */
export const orderPrintRunSchema = z.unknown().transform((raw, ctx) => {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const isChecked = (value: unknown) => value === 'on' || value === 'true' || value === true;
  const format = (p: 'pin' | 'token', schema: typeof pinFormatSchema) => {
    const parsed = schema.safeParse({
      length: Number(source[`${p}Length`] ?? NaN),
      prefix: String(source[`${p}Prefix`] ?? ''),
      numbers: isChecked(source[`${p}Numbers`]),
      characters: isChecked(source[`${p}Characters`]),
      symbols: isChecked(source[`${p}Symbols`]),
      barcode: isChecked(source[`${p}Barcode`]),
    });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'numbers');
      ctx.addIssue({ code: 'custom', message: issue.message, path: [`${p}${field[0]!.toUpperCase()}${field.slice(1)}`] });
    }
    return null;
  };
  const pinFormat = format('pin', pinFormatSchema);
  const tokenFormat = format('token', tokenFormatSchema);
  const base = orderFieldsSchema.safeParse(source);
  if (!base.success) {
    for (const issue of base.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  const v = base.data;
  const scheme = { prefix: v.idPrefix, start: v.startSequence, padWidth: v.padWidth, luhn: v.luhn };
  if (!fitsPadding(scheme, v.quantity)) {
    ctx.addIssue({ code: 'custom', path: ['padWidth'], message: 'The last card number needs more digits' });
    return z.NEVER;
  }
  if (!pinFormat || !tokenFormat) return z.NEVER;
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
