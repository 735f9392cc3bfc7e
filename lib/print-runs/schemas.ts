/**
 * The print-run order, as the HQ form sends it (strings and checkboxes). The PIN and token
 * formats are checked with the Wallet API's own format schemas, so both paths accept exactly the
 * same formats; their errors come back on the form's field names (pinLength, tokenPrefix, …).
 */
import { z } from 'zod';
import { catalogueErrorMap, validationText } from '@/lib/i18n/validation-message';
import { pinFormatSchema, tokenFormatSchema } from '@/lib/secrets/format';
import { fitsPadding } from './card-id-scheme';

export const MAX_PRINT_RUN = 100_000;

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === true);
/** `field` names the number in the message (the catalogue's select: quantity, startSequence, padWidth). */
const int = (field: 'quantity' | 'startSequence' | 'padWidth', min: number, max: number) =>
  z.coerce
    .number({ message: validationText('printRunWholeNumber', { field }) })
    .int(validationText('printRunWholeNumber', { field }))
    .min(min, validationText('printRunAtLeast', { field, min: String(min) }))
    .max(max, validationText('printRunAtMost', { field, max: max.toLocaleString('en-US') }));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, validationText('atMostChars', { max: String(max) }))
    .optional()
    .transform((v) => (v ? v : null));

const orderFieldsSchema = z.object({
  quantity: int('quantity', 1, MAX_PRINT_RUN),
  type: z.enum(['gift_card', 'credit_note'], { message: validationText('chooseCardType') }),
  idPrefix: z
    .string()
    .trim()
    .max(40, validationText('atMostChars', { max: '40' }))
    .regex(/^[A-Za-z0-9_-]*$/, validationText('idPrefixChars')),
  startSequence: int('startSequence', 0, 999_999_999_999),
  padWidth: int('padWidth', 1, 12),
  luhn: checkbox,
  manufacturer: optionalText(255),
  purchaseOrder: optionalText(255),
  note: optionalText(2000),
});

/**
 * Parses the form in one pass that reports every problem at once: the plain fields, both
 * formats and the padding check (zod would skip the later checks once a plain field failed).
 */
/** HQ's order form only (no API parses it): the nested parses word zod's own messages from the catalogue too. */
export const orderPrintRunSchema = z.unknown().transform((raw, ctx) => {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const isChecked = (value: unknown) => value === 'on' || value === 'true' || value === true;
  const format = (p: 'pin' | 'token', schema: typeof pinFormatSchema) => {
    const parsed = schema.safeParse(
      {
        length: Number(source[`${p}Length`] ?? NaN),
        prefix: String(source[`${p}Prefix`] ?? ''),
        numbers: isChecked(source[`${p}Numbers`]),
        characters: isChecked(source[`${p}Characters`]),
        symbols: isChecked(source[`${p}Symbols`]),
        barcode: isChecked(source[`${p}Barcode`]),
      },
      { error: catalogueErrorMap },
    );
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'numbers');
      ctx.addIssue({ code: 'custom', message: issue.message, path: [`${p}${field[0]!.toUpperCase()}${field.slice(1)}`] });
    }
    return null;
  };
  const pinFormat = format('pin', pinFormatSchema);
  const tokenFormat = format('token', tokenFormatSchema);
  const base = orderFieldsSchema.safeParse(source, { error: catalogueErrorMap });
  if (!base.success) {
    for (const issue of base.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  const v = base.data;
  const scheme = { prefix: v.idPrefix, start: v.startSequence, padWidth: v.padWidth, luhn: v.luhn };
  if (!fitsPadding(scheme, v.quantity)) {
    ctx.addIssue({ code: 'custom', path: ['padWidth'], message: validationText('moreDigits') });
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
