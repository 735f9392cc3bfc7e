/**
 * Input schemas of the card domain, shared by the Wallet API routes, the web forms and the
 * OpenAPI document. Field names follow Dintero's Wallet API (snake_case).
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { CURRENCY_CODES } from '@/lib/money/currencies';
import { pinFormatSchema, tokenFormatSchema } from '@/lib/secrets/format';

import { MAX_AMOUNT_MINOR } from '@/lib/money/limits';
import { BLOCK_REASONS } from './block-reasons';

export { MAX_AMOUNT_MINOR };
export const MAX_BATCH_SIZE = 10_000;

const trimmedId = (label: string) =>
  z
    .string({ message: `${label} must be a string` })
    .min(1, `${label} must not be empty`)
    .max(255, `${label} must be at most 255 characters`)
    .refine((v) => v === v.trim(), `${label} must not start or end with spaces`);

export const cardIdSchema = trimmedId('card_id');
export const currencySchema = z.enum(CURRENCY_CODES, { message: `currency must be one of ${CURRENCY_CODES.join(', ')}` });
export const amountSchema = z
  .number({ message: 'amount must be an integer in minor units' })
  .int('amount must be an integer in minor units')
  .min(0, 'amount must not be negative')
  .max(MAX_AMOUNT_MINOR, `amount must be at most ${MAX_AMOUNT_MINOR}`);
export const positiveAmountSchema = amountSchema.refine((v) => v > 0, 'amount must be greater than zero');
export const cardTypeSchema = z.enum(['gift_card', 'credit_note']);
export const refIdSchema = trimmedId('ref_id');

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2027-01-31T23:59:59Z' });

/**
 * A flat object of at most 50 string keys. `dintero_*` keys are accepted and stored like any
 * other: "reserved" in Dintero's contract means the namespace belongs to Dintero's own
 * integrations (Checkout writes `dintero_transaction_id`, and the guide recommends sending it on
 * activation), not that a client may not send them.
 */
export const metadataSchema = z
  .record(
    z.string().min(1).max(100),
    z.union([z.string().max(1000), z.number(), z.boolean(), z.null()], { message: 'metadata values must be strings, numbers, booleans or null' }),
  )
  .refine((m) => Object.keys(m).length <= 50, 'metadata may have at most 50 keys');

const validityShape = { active_from: isoDateTime.optional(), expires_at: isoDateTime.optional() };
const expiresAfterActiveFrom = {
  check: (v: { active_from?: string; expires_at?: string }) =>
    !v.expires_at || new Date(v.expires_at) > (v.active_from ? new Date(v.active_from) : new Date(0)),
  message: { message: 'expires_at must be after active_from', path: ['expires_at'] },
};

/** A token's lifetime in seconds (`expires_in`); the column is an INT, so at most about 68 years. */
export const MAX_TOKEN_EXPIRES_IN = 2_147_483_647;
export const tokenExpiresInSchema = z
  .number({ message: 'expires_in must be a whole number of seconds' })
  .int('expires_in must be a whole number of seconds')
  .min(1, 'expires_in must be at least 1')
  .max(MAX_TOKEN_EXPIRES_IN, `expires_in must be at most ${MAX_TOKEN_EXPIRES_IN}`);

/**
 * How the card's own token behaves: `expires_in` (seconds from the card's activation — for a card
 * created with a balance, that is its creation) and `expires_after_transaction` (it pays once).
 */
const tokenBehaviourShape = {
  expires_in: tokenExpiresInSchema.optional(),
  expires_after_transaction: z.boolean().optional(),
};
const cardTokenOptionsSchema = z.object({ format: tokenFormatSchema.optional(), ...tokenBehaviourShape }).strict();

export const secretOptionsSchema = z.object({
  pin: z.object({ format: pinFormatSchema }).strict().optional(),
  card_token: cardTokenOptionsSchema.optional(),
});

export const createBatchSchema = z
  .object({
    cards: z
      .array(z.object({ card_id: cardIdSchema, type: cardTypeSchema.default('gift_card') }).strict())
      .min(1, 'cards must hold at least one card')
      .max(MAX_BATCH_SIZE, `at most ${MAX_BATCH_SIZE} cards per batch`),
    options: secretOptionsSchema.strict().optional(),
  })
  .strict();
export type CreateBatchInput = z.infer<typeof createBatchSchema>;

export const activateCardSchema = z
  .object({
    amount: amountSchema,
    currency: currencySchema,
    customer_id: trimmedId('customer_id').optional(),
    name: z.string().max(255).optional(),
    originated_by: trimmedId('originated_by').optional(),
    metadata: metadataSchema.optional(),
    // Dintero's "how the token should behave after activation"; the token itself (and its
    // format) was made with the batch.
    card_token: z.object(tokenBehaviourShape).strict().optional(),
    ...validityShape,
  })
  .strict()
  .refine(expiresAfterActiveFrom.check, expiresAfterActiveFrom.message);
export type ActivateCardInput = z.infer<typeof activateCardSchema>;

export const createCardSchema = z
  .object({
    card_id: cardIdSchema,
    amount: amountSchema,
    currency: currencySchema,
    type: cardTypeSchema.default('gift_card'),
    customer_id: trimmedId('customer_id').optional(),
    name: z.string().max(255).optional(),
    originated_by: trimmedId('originated_by').optional(),
    metadata: metadataSchema.optional(),
    pin: z.object({ format: pinFormatSchema }).strict().optional(),
    card_token: cardTokenOptionsSchema.optional(),
    ...validityShape,
  })
  .strict()
  .refine(expiresAfterActiveFrom.check, expiresAfterActiveFrom.message);
export type CreateCardInput = z.infer<typeof createCardSchema>;

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: z.string().max(255).optional(),
};
const booleanQuery = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
const amountQuery = z.coerce.number().int().min(0).max(MAX_AMOUNT_MINOR);

export const CARD_STATUSES = ['inactive', 'unused', 'active'] as const;

export const listCardsQuerySchema = z.object({
  ...pageQuery,
  include_deleted: booleanQuery.optional(),
  status: z.enum(CARD_STATUSES).optional(),
  customer_id: trimmedId('customer_id').optional(),
  created_at_gte: isoDateTime.optional(),
  created_at_lt: isoDateTime.optional(),
  /** Dintero's filter (2024-12-11): cards with at least this much available. */
  amount_available: amountQuery.optional(),
  amount_available_lte: amountQuery.optional(),
});
export type ListCardsQuery = z.infer<typeof listCardsQuerySchema>;

export const customerCardsQuerySchema = z.object({ ...pageQuery, include_deleted: booleanQuery.optional() });

/** `includes`: a comma-separated list of extra parts of the card. */
export const CARD_INCLUDES = ['transactions', 'pin.format', 'card_token.format'] as const;
export const getCardQuerySchema = z.object({
  include_deleted: booleanQuery.optional(),
  includes: z
    .string()
    .max(200)
    .transform((v) =>
      v
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(CARD_INCLUDES, { message: `includes may list ${CARD_INCLUDES.join(', ')}` })))
    .optional(),
});
export type GetCardQuery = z.infer<typeof getCardQuerySchema>;

// Query strings ignore parameters they do not know (a Dintero client may send filters of its own);
// bodies are strict.

/** DELETE: what happens to money left on the card (refused without it). */
export const deleteCardQuerySchema = z.object({ balance: z.enum(['write_off'], { message: 'balance may only be write_off' }).optional() }).strict();
export type DeleteCardQuery = z.infer<typeof deleteCardQuerySchema>;

/** Balance check: by token (optionally with PIN), or by card_id with PIN. */
export const cardInfoSchema = z
  .object({
    token: z.string().min(1).max(255).optional(),
    card_id: cardIdSchema.optional(),
    pin: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((v) => Boolean(v.token) !== Boolean(v.card_id), { message: 'send either token or card_id', path: ['token'] })
  .refine((v) => !v.card_id || v.pin, { message: 'pin is required with card_id', path: ['pin'] });
export type CardInfoInput = z.infer<typeof cardInfoSchema>;

export const createTransactionSchema = z
  .object({
    ref_id: refIdSchema,
    amount: positiveAmountSchema,
    currency: currencySchema,
    token: z.string().min(1).max(255).optional(),
    card_id: cardIdSchema.optional(),
    pin: z.string().min(1).max(64).optional(),
    type: z.enum(['drawdown', 'fund']).default('drawdown'),
    pending: z.boolean().default(false),
    originated_by: trimmedId('originated_by').optional(),
    metadata: metadataSchema.optional(),
  })
  .strict()
  .refine((v) => Boolean(v.token) !== Boolean(v.card_id), { message: 'send either token or card_id', path: ['token'] })
  .refine((v) => !(v.pending && v.type === 'fund'), { message: 'only drawdowns can be pending', path: ['pending'] });
export type CreateTransactionInput = z.infer<typeof createTransactionSchema>;

export const captureSchema = z.object({ ref_id: refIdSchema, amount: positiveAmountSchema.optional(), metadata: metadataSchema.optional() }).strict();
export type CaptureInput = z.infer<typeof captureSchema>;

export const voidSchema = z.object({ ref_id: refIdSchema, metadata: metadataSchema.optional() }).strict();
export type VoidInput = z.infer<typeof voidSchema>;

export const rotatePinSchema = z.object({ pin: z.object({ format: pinFormatSchema }) }).strict();
export type RotatePinInput = z.infer<typeof rotatePinSchema>;

/** POST /cards/{card_id}/tokens: a temporary card code. Without `format`: `DINCARD:` + a UUID. */
export const createCardTokenSchema = z
  .object({
    ref_id: refIdSchema,
    expires_in: tokenExpiresInSchema.optional(),
    metadata: metadataSchema.optional(),
    format: tokenFormatSchema.optional(),
    expires_after_transaction: z.boolean().default(false),
  })
  .strict();
export type CreateCardTokenInput = z.infer<typeof createCardTokenSchema>;

export const listTransactionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: z.uuid('starting_after must be a transaction id').optional(),
});

const blockNoteSchema = z
  .string({ message: 'note must be a string' })
  .trim()
  .max(500, validationText('noteAtMost', { max: '500' }))
  .optional()
  .transform((v) => (v ? v : undefined));

/** POST …/cardstock/cards/{card_id}/block, the HQ card page and the counter's "Block this card". */
export const blockCardSchema = z
  .object({
    reason: z.enum(BLOCK_REASONS, { message: validationText('reasonOneOf', { reasons: BLOCK_REASONS.join(', ') }) }),
    note: blockNoteSchema,
  })
  .strict();
export type BlockCardInput = z.infer<typeof blockCardSchema>;

/** POST …/cardstock/cards/{card_id}/unblock. */
export const unblockCardSchema = z.object({ note: blockNoteSchema }).strict();
export type UnblockCardInput = z.infer<typeof unblockCardSchema>;

/** HQ's card search: its own module (the form's and the query string's shapes). */
export { searchCardsSchema, type SearchCardsInput } from './search-schema';
