/**
 * Inputs of the store counter, as its forms send them (strings). Amounts stay text here: they are
 * parsed by lib/money/parse.ts in the store's currency, which only the domain function knows.
 * The activation is then validated again with the Wallet API's own activateCardSchema.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { blockCardSchema, cardIdSchema } from '@/lib/cards/schemas';

/** `field` names the text in the message (the catalogue's select: customerId, name, receiptNumber, note). */
const optionalText = (max: number, field: 'customerId' | 'name' | 'receiptNumber' | 'note') =>
  z
    .string()
    .trim()
    .max(max, validationText('fieldAtMostChars', { field, max: String(max) }))
    .optional()
    .transform((v) => (v ? v : undefined));

/** What the scanner or the clerk typed: a card id or a card token, with or without spaces. */
export const cardCodeSchema = z.string().trim().min(1, validationText('scanCard')).max(300, validationText('codeTooLong'));

/** HQ users pick the store they sell for; clerks always sell for their own (the field is ignored). */
export const storeIdSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.uuid(validationText('chooseStore')).optional());

export const resolveCardSchema = z.object({ code: cardCodeSchema, storeId: storeIdSchema });
export type ResolveCardInput = z.infer<typeof resolveCardSchema>;

export const activateAtStoreSchema = z.object({
  storeId: storeIdSchema,
  /** The card_id of the card the counter recognised (not the scanned text). */
  cardId: cardIdSchema,
  amount: z.string().max(40, validationText('amountLike')),
  customerId: optionalText(255, 'customerId'),
  name: optionalText(255, 'name'),
  /** `YYYY-MM-DD` (valid through that day), `never`, or empty for the account's default. */
  expiry: z.string().trim().max(10).optional().default(''),
  receiptNumber: optionalText(100, 'receiptNumber'),
  /** A fresh random id per confirmation: a repeated submit returns the first result. */
  requestKey: z.uuid(validationText('reloadPage')),
});
export type ActivateAtStoreInput = z.infer<typeof activateAtStoreSchema>;

export const undoActivationSchema = z.object({ cardId: cardIdSchema });
export type UndoActivationInput = z.infer<typeof undoActivationSchema>;

export const listTodaySchema = z.object({ storeId: storeIdSchema });

export const lookupBalanceSchema = z.object({
  code: cardCodeSchema,
  /** Empty means "not asked yet". */
  pin: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(64, validationText('pinTooLong')).optional()),
});
export type LookupBalanceInput = z.infer<typeof lookupBalanceSchema>;

/** The counter's "Block this card" (lib/counter/block-at-counter.ts): the card the counter showed, and why. */
export const blockAtCounterSchema = z.object({
  cardId: cardIdSchema,
  reason: blockCardSchema.shape.reason,
  note: optionalText(500, 'note'),
});
export type BlockAtCounterInput = z.infer<typeof blockAtCounterSchema>;
