/**
 * Inputs of the store counter, as its forms send them (strings). Amounts stay text here: they are
 * parsed by lib/money/parse.ts in the store's currency, which only the domain function knows.
 * The activation is then validated again with the Wallet API's own activateCardSchema.
 */
import { z } from 'zod';
import { blockCardSchema, cardIdSchema } from '@/lib/cards/schemas';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** What the scanner or the clerk typed: a card id or a card token, with or without spaces. */
export const cardCodeSchema = z.string().trim().min(1, 'Scan or type a card').max(300, 'That is too long to be a card number');

/** HQ users pick the store they sell for; clerks always sell for their own (the field is ignored). */
export const storeIdSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.uuid('Choose a store').optional());

export const resolveCardSchema = z.object({ code: cardCodeSchema, storeId: storeIdSchema });
export type ResolveCardInput = z.infer<typeof resolveCardSchema>;

export const activateAtStoreSchema = z.object({
  storeId: storeIdSchema,
  /** The card_id of the card the counter recognised (not the scanned text). */
  cardId: cardIdSchema,
  amount: z.string().max(40, 'Enter an amount like 500 or 499,50'),
  customerId: optionalText(255, 'Customer id'),
  name: optionalText(255, 'Name'),
  /** `YYYY-MM-DD` (valid through that day), `never`, or empty for the account's default. */
  expiry: z.string().trim().max(10).optional().default(''),
  receiptNumber: optionalText(100, 'Receipt number'),
  /** A fresh random id per confirmation: a repeated submit returns the first result. */
  requestKey: z.uuid('Reload the page and try again'),
});
export type ActivateAtStoreInput = z.infer<typeof activateAtStoreSchema>;

export const undoActivationSchema = z.object({ cardId: cardIdSchema });
export type UndoActivationInput = z.infer<typeof undoActivationSchema>;

export const listTodaySchema = z.object({ storeId: storeIdSchema });

export const lookupBalanceSchema = z.object({
  code: cardCodeSchema,
  /** Empty means "not asked yet". */
  pin: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(64, 'That PIN is too long').optional()),
});
export type LookupBalanceInput = z.infer<typeof lookupBalanceSchema>;

/** The counter's "Block this card" (lib/counter/block-at-counter.ts): the card the counter showed, and why. */
export const blockAtCounterSchema = z.object({
  cardId: cardIdSchema,
  reason: blockCardSchema.shape.reason,
  note: optionalText(500, 'Note'),
});
export type BlockAtCounterInput = z.infer<typeof blockAtCounterSchema>;
