/**
 * The HQ list of print runs (and API batches): what was ordered, by whom, how far the fill is,
 * how many of its cards are in each state, and where its one-time secrets stand.
 */
import { z } from 'zod';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { describeActorRefs } from '@/lib/auth/describe-actor-refs';
import { getDb } from '@/lib/db/client';
import type { Batch, BatchStatus, CardType, Prisma } from '@/lib/generated/prisma/client';
import { isWellFormedText } from '@/lib/input/well-formed';
import { readBatchSpec, SPEC_PATH } from './batch-spec';

export const PRINT_RUNS_PAGE_SIZE = 25;
export const BATCH_STATUSES = ['PENDING', 'RUNNING', 'READY', 'FAILED'] as const satisfies readonly BatchStatus[];
export const PRINT_RUN_SORTS = ['newest', 'oldest', 'largest'] as const;

/** The list page's search params. A malformed value falls back to its default instead of failing the page. */
export const listPrintRunsQuerySchema = z.object({
  status: z.enum(BATCH_STATUSES).optional().catch(undefined),
  // A search for text no record can hold (NUL, unpaired surrogate) is ignored, like any bad parameter.
  q: z.string().trim().max(100).refine(isWellFormedText).optional().catch(undefined),
  sort: z.enum(PRINT_RUN_SORTS).default('newest').catch('newest'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});
export type ListPrintRunsQuery = z.input<typeof listPrintRunsQuerySchema>;

/** Disjoint buckets that add up to the cards created: an expired card counts as expired only. */
export interface CardCounts {
  inactive: number;
  unused: number;
  active: number;
  expired: number;
}

export type SecretsStatus =
  | { state: 'AWAITING_RELEASE'; deadline: Date | null }
  | { state: 'RELEASED'; by: string; at: Date | null; sha256: string | null }
  | { state: 'DESTROYED'; at: Date | null };

export interface PrintRunSummary {
  id: string;
  source: 'web' | 'api';
  createdAt: Date;
  /** The orderer's email (or "API client <id>"), resolved from the created_by reference. */
  createdBy: string;
  type: CardType;
  quantity: number;
  cardsCreated: number;
  status: BatchStatus;
  failureReason: string | null;
  manufacturer: string | null;
  purchaseOrder: string | null;
  firstCardId: string | null;
  lastCardId: string | null;
  counts: CardCounts;
  secrets: SecretsStatus;
}

/** Card counts per batch in one grouped query for all the given batches. */
async function countCards(accountId: string, batchIds: string[], now: Date): Promise<Map<string, CardCounts>> {
  if (batchIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ batch_id: string; inactive: bigint; unused: bigint; active: bigint; expired: bigint }[]>`
    SELECT batch_id::text AS batch_id,
      count(*) FILTER (WHERE status = 'inactive' AND (expires_at IS NULL OR expires_at >= ${now})) AS inactive,
      count(*) FILTER (WHERE status = 'unused' AND (expires_at IS NULL OR expires_at >= ${now})) AS unused,
      count(*) FILTER (WHERE status = 'active' AND (expires_at IS NULL OR expires_at >= ${now})) AS active,
      count(*) FILTER (WHERE expires_at < ${now}) AS expired
    FROM cards
    WHERE account_id = ${accountId} AND batch_id = ANY(${batchIds}::uuid[])
    GROUP BY batch_id`;
  return new Map(
    rows.map((r) => [r.batch_id, { inactive: Number(r.inactive), unused: Number(r.unused), active: Number(r.active), expired: Number(r.expired) }]),
  );
}

function secretsStatus(batch: Batch, who: (ref: string) => string): SecretsStatus {
  switch (batch.secretsState) {
    case 'AWAITING_RELEASE':
      return { state: 'AWAITING_RELEASE', deadline: batch.secretsDeadline };
    case 'RELEASED':
      return {
        state: 'RELEASED',
        by: batch.secretsReleasedBy ? who(batch.secretsReleasedBy) : 'unknown',
        at: batch.secretsReleasedAt,
        sha256: batch.printFileSha256,
      };
    case 'DESTROYED':
      return { state: 'DESTROYED', at: batch.secretsDestroyedAt };
  }
}

/**
 * The summaries of batches already known to belong to `accountId` (callers scope and authorize),
 * with three queries however many batches there are.
 */
export async function summarizeBatches(accountId: string, batches: Batch[], now = new Date()): Promise<PrintRunSummary[]> {
  const [counts, who] = await Promise.all([
    countCards(
      accountId,
      batches.map((b) => b.id),
      now,
    ),
    describeActorRefs(
      accountId,
      batches.flatMap((b) => [b.createdBy, b.secretsReleasedBy]),
    ),
  ]);
  return batches.map((batch) => {
    const spec = readBatchSpec(batch.spec);
    return {
      id: batch.id,
      source: spec.source,
      createdAt: batch.createdAt,
      createdBy: who(batch.createdBy),
      type: batch.type,
      quantity: batch.quantity,
      cardsCreated: batch.cardsCreated,
      status: batch.status,
      failureReason: batch.failureReason,
      manufacturer: batch.manufacturer,
      purchaseOrder: batch.purchaseOrder,
      firstCardId: spec.first_card_id ?? null,
      lastCardId: spec.last_card_id ?? null,
      counts: counts.get(batch.id) ?? { inactive: 0, unused: 0, active: 0, expired: 0 },
      secrets: secretsStatus(batch, who),
    };
  });
}

function searchFilter(accountId: string, q: string): Prisma.BatchWhereInput {
  return {
    OR: [
      { manufacturer: { contains: q, mode: 'insensitive' } },
      { purchaseOrder: { contains: q, mode: 'insensitive' } },
      // A card-id prefix ("GC-", "GC-0001") or a whole card id finds its run.
      { spec: { path: [...SPEC_PATH.schemePrefix], string_starts_with: q } },
      { spec: { path: [...SPEC_PATH.firstCardId], string_starts_with: q } },
      { cards: { some: { accountId, cardId: q } } },
    ],
  };
}

const ORDER: Record<(typeof PRINT_RUN_SORTS)[number], Prisma.BatchOrderByWithRelationInput[]> = {
  newest: [{ createdAt: 'desc' }, { id: 'desc' }],
  oldest: [{ createdAt: 'asc' }, { id: 'asc' }],
  largest: [{ quantity: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
};

/** One page of the account's print runs, filtered and sorted. HQ admin and staff. */
export async function listPrintRuns(actor: UserActor, query: ListPrintRunsQuery = {}) {
  assertCan(actor, 'hq:view');
  const { status, q, sort, page } = listPrintRunsQuerySchema.parse(query);
  const where: Prisma.BatchWhereInput = {
    accountId: actor.accountId,
    ...(status ? { status } : {}),
    ...(q ? searchFilter(actor.accountId, q) : {}),
  };
  const db = getDb();
  const [total, batches] = await Promise.all([
    db.batch.count({ where }),
    db.batch.findMany({ where, orderBy: ORDER[sort], skip: (page - 1) * PRINT_RUNS_PAGE_SIZE, take: PRINT_RUNS_PAGE_SIZE }),
  ]);
  return {
    rows: await summarizeBatches(actor.accountId, batches),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PRINT_RUNS_PAGE_SIZE)),
    pageSize: PRINT_RUNS_PAGE_SIZE,
    query: { status, q: q || undefined, sort },
  };
}
