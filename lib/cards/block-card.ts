import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import type { Card } from '@/lib/generated/prisma/client';
import { CARD_BLOCKED } from '@/lib/webhooks/events';
import { enqueueEvent } from '@/lib/webhooks/outbox';
import { ledgerAmounts, type CardAmounts } from './amounts';
import { lockCard } from './lock-card';
import type { BlockCardInput } from './schemas';
import { cardView } from './views';

/** Where a block came from, for the audit trail. */
export type BlockSource = 'hq' | 'api' | 'counter';

/**
 * A card with its block, for the block/unblock answers and HQ. The Wallet API's own card views
 * keep the contract's `status`; only these Cardstock answers say `blocked`.
 */
export function blockedCardView(card: Card, amounts: CardAmounts) {
  return {
    ...cardView(card, amounts),
    blocked: card.blockedAt
      ? { blocked_at: card.blockedAt.toISOString(), reason: card.blockedReason, note: card.blockedNote ?? undefined, blocked_by: card.blockedBy }
      : null,
  };
}

/** The card in a cardstock_card_blocked / _unblocked event: its id, status and block, never its token or PIN. */
export function cardEventView(view: ReturnType<typeof blockedCardView>) {
  return {
    id: view.id,
    card_id: view.card_id,
    status: view.status,
    blocked: view.blocked ? { blocked_at: view.blocked.blocked_at, reason: view.blocked.reason, blocked_by: view.blocked.blocked_by } : null,
  };
}

/**
 * Blocks a card (lost, stolen, suspected fraud …): from then on it refuses every drawdown,
 * activation, PIN check and balance check with the same answer as an unknown card
 * (find-card.ts, lock-card.ts, activate-card.ts), and the counter tells the clerk to keep it. Its
 * `status`, balance and ledger stay as they were, so unblocking restores the card exactly.
 * Under the card's lock: a drawdown racing the block either lands before it or is refused.
 * Naturally idempotent: blocking a blocked card changes nothing and answers the same.
 */
export async function blockCard(actor: Actor, cardId: string, input: BlockCardInput) {
  authorizeActor(actor, { permission: 'cards:block', apiOperation: 'cards:write' });
  return applyBlock(actor, cardId, input, actor.kind === 'user' ? 'hq' : 'api');
}

/** The block itself, for callers that have authorized the actor (blockCard, the counter's request). */
export async function applyBlock(actor: Actor, cardId: string, input: BlockCardInput, source: BlockSource) {
  const by = actorRef(actor);
  return getDb().$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId }, { includeBlocked: true });
    if (card.blockedAt) return blockedCardView(card, (await ledgerAmounts(tx, [card.id])).get(card.id)!);
    const blocked = await tx.card.update({
      where: { id: card.id },
      data: { blockedAt: new Date(), blockedReason: input.reason, blockedNote: input.note ?? null, blockedBy: by },
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'card.block',
        target: { type: 'card', id: card.id },
        data: {
          card_id: cardId,
          via: source,
          ...(source === 'counter' && actor.kind === 'user' && actor.storeId ? { store_id: actor.storeId } : {}),
          before: { blocked: false, status: card.status, balance: Number(card.balance) },
          after: { blocked: true, reason: input.reason, ...(input.note ? { note: input.note } : {}) },
        },
      },
      tx,
    );
    const view = blockedCardView(blocked, (await ledgerAmounts(tx, [card.id])).get(card.id)!);
    await enqueueEvent(tx, actor.accountId, CARD_BLOCKED, { card: cardEventView(view) });
    return view;
  });
}
