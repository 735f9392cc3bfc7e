import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ledgerAmounts } from './amounts';
import type { GetCardQuery, ListCardsQuery } from './schemas';
import { cardView, transactionView } from './views';

/**
 * Cards the API shows: single cards, and cards of print runs that are complete. A run still being
 * filled (or one that failed and is being cleaned up) has no half-visible cards. Deleted cards
 * only when asked for (`include_deleted=true`).
 */
const ISSUED = { OR: [{ batchId: null }, { batch: { status: 'READY' as const } }] };
function visible(includeDeleted?: boolean): Prisma.CardWhereInput {
  return includeDeleted ? ISSUED : { ...ISSUED, deletedAt: null };
}

const TRANSACTIONS_INCLUDED = 100;

export async function getCard(actor: Actor, cardId: string, query: GetCardQuery = {}) {
  authorizeActor(actor, { permission: 'cards:read', apiOperation: 'cards:read' });
  const db = getDb();
  const card = await db.card.findFirst({ where: { accountId: actor.accountId, cardId, ...visible(query.include_deleted) } });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found.');
  const view = cardView(card, (await ledgerAmounts(db, [card.id])).get(card.id)!);
  const includes = new Set(query.includes ?? []);
  return {
    ...view,
    ...(includes.has('pin.format') ? { pin: { format: card.pinFormat ?? undefined } } : {}),
    ...(includes.has('card_token.format') ? { card_token: { format: card.tokenFormat ?? undefined } } : {}),
    ...(includes.has('transactions')
      ? { transactions: (await listCardTransactions(actor, cardId, { limit: TRANSACTIONS_INCLUDED }, { includeDeleted: true })).transactions }
      : {}),
  };
}

type Cursor = { createdAt: Date; id: string };
const after = (cursor: Cursor): Prisma.CardWhereInput => ({
  OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }],
});

async function pageOfCards(actor: Actor, where: Prisma.CardWhereInput, query: { limit: number; starting_after?: string; include_deleted?: boolean }) {
  const db = getDb();
  let cursor: Cursor | undefined;
  if (query.starting_after) {
    const last = await db.card.findUnique({ where: { accountId_cardId: { accountId: actor.accountId, cardId: query.starting_after } } });
    if (!last) throw new AppError('UNPROCESSABLE', 'starting_after names no card of this account.');
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  const cards = await db.card.findMany({
    where: { accountId: actor.accountId, AND: [visible(query.include_deleted), where, ...(cursor ? [after(cursor)] : [])] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
  });
  const page = cards.slice(0, query.limit);
  const amounts = await ledgerAmounts(
    db,
    page.map((c) => c.id),
  );
  return { cards: page.map((c) => cardView(c, amounts.get(c.id)!)), next: cards.length > query.limit ? page.at(-1)?.cardId : undefined };
}

/**
 * Cards in creation order, paged by `starting_after` (the last card_id of the previous page),
 * optionally filtered by status, customer, creation time and available amount.
 */
export async function listCards(actor: Actor, query: ListCardsQuery) {
  authorizeActor(actor, { permission: 'cards:read', apiOperation: 'cards:read' });
  const filters: Prisma.CardWhereInput[] = [];
  if (query.status) filters.push({ status: query.status });
  if (query.customer_id) filters.push({ customerId: query.customer_id });
  if (query.created_at_gte) filters.push({ createdAt: { gte: new Date(query.created_at_gte) } });
  if (query.created_at_lt) filters.push({ createdAt: { lt: new Date(query.created_at_lt) } });
  if (query.amount_available !== undefined || query.amount_available_lte !== undefined) {
    // Available = balance − pending (both cached on the row by the ledger's rules): an expression
    // Prisma's filters cannot state, so one indexed page query in SQL picks the ids.
    filters.push({ id: { in: await idsByAvailable(actor, query) } });
  }
  const { cards, next } = await pageOfCards(actor, { AND: filters }, query);
  return { cards, starting_after: next };
}

/** Ids of the page of cards (creation order, after the cursor) whose available amount is in range. */
async function idsByAvailable(actor: Actor, query: ListCardsQuery): Promise<string[]> {
  const db = getDb();
  const min = BigInt(query.amount_available ?? 0);
  const max = query.amount_available_lte === undefined ? null : BigInt(query.amount_available_lte);
  const last = query.starting_after
    ? await db.card.findUnique({
        where: { accountId_cardId: { accountId: actor.accountId, cardId: query.starting_after } },
        select: { createdAt: true, id: true },
      })
    : null;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM cards
    WHERE account_id = ${actor.accountId}
      AND balance - pending >= ${min} AND (${max}::bigint IS NULL OR balance - pending <= ${max}::bigint)
      AND (${query.include_deleted === true} OR deleted_at IS NULL)
      AND (batch_id IS NULL OR EXISTS (SELECT 1 FROM batches b WHERE b.id = cards.batch_id AND b.status = 'READY'))
      AND (${query.status ?? null}::text IS NULL OR status::text = ${query.status ?? null}::text)
      AND (${query.customer_id ?? null}::text IS NULL OR customer_id = ${query.customer_id ?? null}::text)
      AND (${query.created_at_gte ?? null}::timestamptz IS NULL OR created_at >= ${query.created_at_gte ?? null}::timestamptz)
      AND (${query.created_at_lt ?? null}::timestamptz IS NULL OR created_at < ${query.created_at_lt ?? null}::timestamptz)
      AND (${last?.createdAt ?? null}::timestamptz IS NULL OR (created_at, id) > (${last?.createdAt ?? null}::timestamptz, ${last?.id ?? null}::uuid))
    ORDER BY created_at, id
    LIMIT ${query.limit + 1}`;
  return rows.map((r) => r.id);
}

/** GET /customers/{customer_id}/cards: the customer's cards, a bare array as Dintero answers. */
export async function listCustomerCards(actor: Actor, customerId: string, query: { limit: number; starting_after?: string; include_deleted?: boolean }) {
  authorizeActor(actor, { permission: 'cards:read', apiOperation: 'cards:read' });
  return (await pageOfCards(actor, { customerId }, query)).cards;
}

/** GET /customers/{customer_id}/cards/{card_id}: one card, 404 unless it is that customer's. */
export async function getCustomerCard(actor: Actor, customerId: string, cardId: string) {
  authorizeActor(actor, { permission: 'cards:read', apiOperation: 'cards:read' });
  const db = getDb();
  const card = await db.card.findFirst({ where: { accountId: actor.accountId, cardId, customerId, ...visible(false) } });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found.');
  return cardView(card, (await ledgerAmounts(db, [card.id])).get(card.id)!);
}

export async function listCardTransactions(
  actor: Actor,
  cardId: string,
  query: { limit: number; starting_after?: string },
  options: { includeDeleted?: boolean } = {},
) {
  authorizeActor(actor, { permission: 'cards:read', apiOperation: 'cards:read' });
  const db = getDb();
  const card = await db.card.findUnique({ where: { accountId_cardId: { accountId: actor.accountId, cardId } } });
  if (!card || (card.deletedAt && !options.includeDeleted)) throw new AppError('NOT_FOUND', 'Card not found.');
  let cursor: Cursor | undefined;
  if (query.starting_after) {
    const last = await db.cardTransaction.findFirst({ where: { id: query.starting_after, cardPk: card.id } });
    if (!last) throw new AppError('UNPROCESSABLE', 'starting_after names no transaction of this card.');
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  const rows = await db.cardTransaction.findMany({
    where: {
      cardPk: card.id,
      ...(cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  // What each reservation on the page still holds: its amount minus its captures and voids.
  const reservations = page.filter((r) => r.kind === 'RESERVE').map((r) => r.id);
  const settled = reservations.length
    ? await db.cardTransaction.groupBy({ by: ['parentId'], where: { parentId: { in: reservations } }, _sum: { amount: true } })
    : [];
  const settledBy = new Map(settled.map((s) => [s.parentId, s._sum.amount ?? BigInt(0)]));
  return {
    transactions: page.map((r) => transactionView(r, card.cardId, r.amount - (settledBy.get(r.id) ?? BigInt(0)))),
    starting_after: rows.length > query.limit ? page.at(-1)?.id : undefined,
  };
}
