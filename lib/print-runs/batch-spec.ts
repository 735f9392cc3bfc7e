/**
 * The owner of `batches.spec`, the JSON a batch records about how its cards are made: the only
 * module that writes it (`webPrintRunSpec`, `cardBatchSpec`) and reads it — one zod schema, typed
 * readers, and the SQL paths of its fields for queries that filter on them. Nobody else casts
 * `spec` or writes `spec->>'…'` of their own.
 *
 * Two shapes exist: a print run ordered in the web app (`source: 'web'` with the card-id scheme and
 * the id range it reserves), and a card batch created through the Wallet API or by a user
 * (`source` of its creator, formats only: its card ids are the caller's). Reading is lenient, so
 * an older or partial spec never breaks a page.
 */
import { Prisma } from '@/lib/generated/prisma/client';
import type { SecretFormat } from '@/lib/secrets/format';
import { z } from 'zod';
import type { CardIdScheme } from './card-id-scheme';

const cardIdSchemeSchema = z.object({ prefix: z.string(), start: z.number(), padWidth: z.number(), luhn: z.boolean() });
const formatSchema = z.object({
  length: z.number(),
  prefix: z.string(),
  numbers: z.boolean(),
  characters: z.boolean(),
  symbols: z.boolean(),
  barcode: z.boolean(),
});

export const batchSpecSchema = z
  .object({
    source: z.enum(['web', 'api']).catch('web'),
    first_card_id: z.string().min(1).optional().catch(undefined),
    last_card_id: z.string().min(1).optional().catch(undefined),
    scheme: cardIdSchemeSchema.optional().catch(undefined),
    pin_format: formatSchema.optional().catch(undefined),
    token_format: formatSchema.optional().catch(undefined),
  })
  .catch({ source: 'web' });
export type BatchSpec = z.output<typeof batchSpecSchema>;

/** The spec of a print run ordered in the web app: its id scheme, the range it reserves, its formats. */
export function webPrintRunSpec(input: { scheme: CardIdScheme; firstCardId: string; lastCardId: string; pinFormat: SecretFormat; tokenFormat: SecretFormat }) {
  return {
    source: 'web',
    scheme: { ...input.scheme },
    first_card_id: input.firstCardId,
    last_card_id: input.lastCardId,
    pin_format: { ...input.pinFormat },
    token_format: { ...input.tokenFormat },
  } satisfies BatchSpec;
}

/** The spec of a batch of caller-named cards (Wallet API, or a user): its formats only. */
export function cardBatchSpec(source: 'web' | 'api', pinFormat: SecretFormat, tokenFormat: SecretFormat) {
  return { source, pin_format: { ...pinFormat }, token_format: { ...tokenFormat } } satisfies BatchSpec;
}

export function readBatchSpec(spec: unknown): BatchSpec {
  return batchSpecSchema.parse(spec);
}

/** The card-id range a print run reserves, or null (API batches name their own ids). */
export function batchIdRange(spec: unknown): { first: string; last: string } | null {
  const { first_card_id: first, last_card_id: last } = readBatchSpec(spec);
  return first && last ? { first, last } : null;
}

/** The card-id scheme of a print run, or null for a batch without one. */
export function batchScheme(spec: unknown): CardIdScheme | null {
  return readBatchSpec(spec).scheme ?? null;
}

/** What filling a print run needs; a run ordered without it cannot be filled (a programming error). */
export function fillSpecOf(spec: unknown): { scheme: CardIdScheme; pinFormat: SecretFormat; tokenFormat: SecretFormat } {
  const read = readBatchSpec(spec);
  if (!read.scheme || !read.pin_format || !read.token_format) throw new Error('This batch has no card-id scheme or secret formats to fill it with.');
  return { scheme: read.scheme, pinFormat: read.pin_format, tokenFormat: read.token_format };
}

/**
 * Whether the print file carries the token's barcode: for runs ordered in the web app, their token
 * format's `barcode` option. Wallet API batches always do — there `barcode` only asks for
 * `barcode_128` in the API response, and defaults to false.
 */
export function printsTokenBarcode(spec: unknown): boolean {
  const read = readBatchSpec(spec);
  return read.source === 'web' && read.token_format ? read.token_format.barcode : true;
}

/** The SQL of the spec's fields, for raw queries on `batches` (text, or jsonb for the scheme). */
export const SPEC_SQL = {
  firstCardId: Prisma.sql`spec->>'first_card_id'`,
  lastCardId: Prisma.sql`spec->>'last_card_id'`,
  scheme: Prisma.sql`spec->'scheme'`,
  schemePrefix: Prisma.sql`spec->'scheme'->>'prefix'`,
  schemePadWidth: Prisma.sql`(spec->'scheme'->>'padWidth')::int`,
  schemeLuhn: Prisma.sql`(spec->'scheme'->>'luhn')::boolean`,
  tokenPrefix: Prisma.sql`spec->'token_format'->>'prefix'`,
};

/** Prisma filters on the spec's fields (the print-run search). */
export const SPEC_PATH = {
  schemePrefix: ['scheme', 'prefix'],
  firstCardId: ['first_card_id'],
} as const;
