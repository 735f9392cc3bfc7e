/**
 * Inputs of HQ's card controls (issue 12), shared by the HQ card page's forms and the Cardstock
 * API extensions (lib/api/operations.ts). Each has a required reason from a list
 * (control-reasons.ts), a required note, and a `request_key`: the same key again answers the first
 * result without a second effect (a double submit, a retried request).
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { CONTROL_REASONS, type ControlName } from './control-reasons';
import { cardIdSchema, currencySchema } from './schemas';

const MAX_AMOUNT = 1_000_000_000; // 10 million in a two-decimal currency: far above any card.

const reasonOf = <C extends ControlName>(control: C) =>
  z.enum(CONTROL_REASONS[control] as unknown as [string, ...string[]], {
    message: validationText('reasonOneOf', { reasons: CONTROL_REASONS[control].join(', ') }),
  }) as unknown as z.ZodType<(typeof CONTROL_REASONS)[C][number]>;

export const controlNoteSchema = z
  .string({ message: validationText('noteRequired') })
  .trim()
  .min(3, validationText('noteWhy'))
  .max(500, validationText('noteAtMost', { max: '500' }));

/** A client-chosen key for this one request (a UUID from the form; any string up to 255 from the API). */
export const requestKeySchema = z
  .string({ message: 'request_key is required' })
  .trim()
  .min(8, 'request_key must be 8 to 255 characters')
  .max(255, 'request_key must be 8 to 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'request_key must be printable ASCII without spaces');

const minorUnits = (name: string) => z.coerce.number({ message: `${name} must be an integer in minor units` }).int(`${name} must be an integer in minor units`);

/** POST …/cardstock/cards/{card_id}/adjust: a signed delta (never an absolute balance). */
export const adjustCardSchema = z
  .object({
    amount: minorUnits('amount')
      .refine((n) => n !== 0, 'amount must not be zero')
      .refine((n) => Math.abs(n) <= MAX_AMOUNT, `amount must be between -${MAX_AMOUNT} and ${MAX_AMOUNT}`),
    currency: currencySchema,
    reason: reasonOf('adjust'),
    note: controlNoteSchema,
    request_key: requestKeySchema,
  })
  .strict();
export type AdjustCardInput = z.infer<typeof adjustCardSchema>;

/** POST …/cardstock/cards/{card_id}/refund: money back onto the card for (part of) one drawdown or capture. */
export const refundCardSchema = z
  .object({
    transaction_id: z.uuid('transaction_id must be the id of a drawdown or capture on this card'),
    amount: minorUnits('amount').min(1, 'amount must be positive').max(MAX_AMOUNT, `amount must be at most ${MAX_AMOUNT}`),
    reason: reasonOf('refund'),
    note: controlNoteSchema,
    request_key: requestKeySchema,
  })
  .strict();
export type RefundCardInput = z.infer<typeof refundCardSchema>;

/** POST …/cardstock/cards/{card_id}/replace: the whole available balance to another card. */
export const replaceCardSchema = z
  .object({
    new_card_id: cardIdSchema,
    reason: reasonOf('replace'),
    note: controlNoteSchema,
    request_key: requestKeySchema,
  })
  .strict();
export type ReplaceCardInput = z.infer<typeof replaceCardSchema>;

const expiresAtSchema = z.iso.datetime({ offset: true, message: 'expires_at must be an ISO 8601 date-time' }).transform((v) => new Date(v));

/** POST …/cardstock/cards/{card_id}/expiry: a new expiry date (later: extend, earlier: shorten). */
export const changeExpirySchema = z
  .object({
    expires_at: expiresAtSchema,
    reason: reasonOf('expiry'),
    note: controlNoteSchema,
    request_key: requestKeySchema,
  })
  .strict();
export type ChangeExpiryInput = z.infer<typeof changeExpirySchema>;

/** POST …/cardstock/cards/{card_id}/deactivate: for good; a remaining balance is written off. */
export const deactivateCardSchema = z
  .object({
    reason: reasonOf('deactivate'),
    note: controlNoteSchema,
    request_key: requestKeySchema,
  })
  .strict();
export type DeactivateCardInput = z.infer<typeof deactivateCardSchema>;
