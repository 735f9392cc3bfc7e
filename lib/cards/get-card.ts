import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { ledgerAmounts } from './amounts';
import { cardView, transactionView } from './views';

/**
 * Cards the API shows: single cards, and cards of print runs that are complete. A run still being
 * filled (or one that failed and is being cleaned up) has no half-visible cards.
 */
const ISSUED = { OR: [{ batchId: null }, { batch: { status: 'READY' as const } }] };

export async function getCard(actor: Actor, cardId: string) {
  authorizeActor(actor, { permission: 'hq:view', apiOperation: 'cards:read' });
  const db = getDb();
  const card = await db.card.findFirst({ where: { accountId: actor.accountId, cardId, ...ISSUED } });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found.');
  return cardView(card, (await ledgerAmounts(db, [card.id])).get(card.id)!);
}

/** Cards in creation order, paged by `starting_after` (the last card_id of the previous page). */
export async function listCards(actor: Actor, query: { limit: number; starting_after?: string }) {
  authorizeActor(actor, { permission: 'hq:view', apiOperation: 'cards:read' });
  const db = getDb();
  let cursor: { createdAt: Date; id: string } | undefined;
  if (query.starting_after) {
    const after = await db.card.findUnique({ where: { accountId_cardId: { accountId: actor.accountId, cardId: query.starting_after } } });
    if (!after) throw new AppError('UNPROCESSABLE', 'starting_after names no card of this account.');
    cursor = { createdAt: after.createdAt, id: after.id };
  }
  const cards = await db.card.findMany({
    where: {
      accountId: actor.accountId,
      AND: [ISSUED, ...(cursor ? [{ OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }] : [])],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
  });
  const page = cards.slice(0, query.limit);
  const amounts = await ledgerAmounts(db, page.map((c) => c.id));
  return {
    cards: page.map((c) => cardView(c, amounts.get(c.id)!)),
    starting_after: cards.length > query.limit ? page.at(-1)?.cardId : undefined,
  };
}

export async function listCardTransactions(actor: Actor, cardId: string, query: { limit: number; starting_after?: string }) {
  authorizeActor(actor, { permission: 'hq:view', apiOperation: 'cards:read' });
  const db = getDb();
  const card = await db.card.findUnique({ where: { accountId_cardId: { accountId: actor.accountId, cardId } } });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found.');
  let cursor: { createdAt: Date; id: string } | undefined;
  if (query.starting_after) {
    const after = await db.cardTransaction.findFirst({ where: { id: query.starting_after, cardPk: card.id } });
    if (!after) throw new AppError('UNPROCESSABLE', 'starting_after names no transaction of this card.');
    cursor = { createdAt: after.createdAt, id: after.id };
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
