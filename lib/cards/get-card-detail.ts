import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { ledgerAmounts } from './amounts';
import { TRANSACTION_KIND } from './views';
import { BALANCE_SIGN } from './ledger';

/**
 * Everything HQ sees about one card, never a secret (the token only masked, no PIN or hashes):
 * its figures, dates, batch, activation store and clerk, customer, metadata, block, its ledger
 * (signed amounts, running balance) and its audit trail. HQ staff and admins (`cards:read`).
 */
export async function getCardDetail(actor: UserActor, cardId: string) {
  assertCan(actor, 'cards:read');
  const db = getDb();
  const card = await db.card.findUnique({
    where: { accountId_cardId: { accountId: actor.accountId, cardId } },
    include: { batch: { select: { id: true, purchaseOrder: true, createdAt: true } }, activatedStore: { select: { name: true } } },
  });
  if (!card || card.deletedAt) throw new AppError('NOT_FOUND', 'Card not found.', undefined, userMessage('cardNotFound'));
  const [amounts, rows, audit] = await Promise.all([
    ledgerAmounts(db, [card.id]),
    db.cardTransaction.findMany({ where: { cardPk: card.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 }),
    db.auditEvent.findMany({ where: { accountId: actor.accountId, targetType: 'card', targetId: card.id }, orderBy: { createdAt: 'desc' }, take: 200 }),
  ]);
  // What is left to refund of each drawdown / capture (refund-card.ts: never more than it took).
  const refunded = new Map<string, bigint>();
  for (const r of rows) if (r.kind === 'REFUND' && r.parentId) refunded.set(r.parentId, (refunded.get(r.parentId) ?? BigInt(0)) + r.amount);
  let running = BigInt(0);
  const ledger = rows.map((r) => {
    const delta = r.amount * BigInt(BALANCE_SIGN[r.kind]);
    running += delta;
    return {
      id: r.id,
      kind: TRANSACTION_KIND[r.kind],
      ledgerKind: r.kind,
      refundable: r.kind === 'DRAWDOWN' || r.kind === 'CAPTURE' ? Number(r.amount - (refunded.get(r.id) ?? BigInt(0))) : null,
      signedAmount: Number(delta),
      amount: Number(r.amount),
      balanceAfter: Number(running),
      refId: r.refId,
      parentId: r.parentId,
      actor: r.createdBy,
      at: r.createdAt.toISOString(),
    };
  });
  return {
    cardId: card.cardId,
    type: card.type,
    status: card.status,
    deactivatedAt: card.deactivatedAt?.toISOString() ?? null,
    balance: Number(card.balance),
    pending: Number(card.pending),
    blocked: card.blockedAt ? { at: card.blockedAt.toISOString(), reason: card.blockedReason, note: card.blockedNote, by: card.blockedBy } : null,
    currency: card.currency,
    amount: Number(card.amount),
    amounts: Object.fromEntries(Object.entries(amounts.get(card.id)!).map(([k, v]) => [k, Number(v)])) as Record<string, number>,
    maskedCode: card.maskedCode,
    customerId: card.customerId,
    name: card.name,
    metadata: card.metadata,
    batch: card.batch ? { id: card.batch.id, purchaseOrder: card.batch.purchaseOrder } : null,
    activatedStore: card.activatedStore?.name ?? null,
    activatedBy: card.activatedBy,
    dates: {
      created: card.createdAt.toISOString(),
      activeFrom: card.activeFrom?.toISOString() ?? null,
      activated: card.activatedAt?.toISOString() ?? null,
      expires: card.expiresAt?.toISOString() ?? null,
    },
    ledger,
    audit: audit.map((a) => ({ id: a.id, action: a.action, actorType: a.actorType, actorId: a.actorId, at: a.createdAt.toISOString(), data: a.data })),
  };
}
