import { actorRef, type Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { ledgerAmounts } from './amounts';
import { findPresentedCard } from './find-card';
import type { CardInfoInput } from './schemas';

/** Balance check by token (the card's own or a temporary code; optionally with PIN) or by card_id + PIN. */
export async function getCardInfo(actor: Actor, input: CardInfoInput) {
  authorizeActor(actor, { permission: 'balance:lookup', apiOperation: 'info' });
  // The card and its ledger sums are one read (find-card.ts); the cached balance is not used here.
  const { card, amounts: found } = await findPresentedCard(actor.accountId, input, actorRef(actor), { kind: 'info' });
  const amounts = found ?? (await ledgerAmounts(getDb(), [card.id])).get(card.id)!;
  return {
    card_id: card.cardId,
    type: card.type,
    status: card.status,
    currency: card.currency,
    ...amounts,
    active_from: card.activeFrom?.toISOString(),
    expires_at: card.expiresAt?.toISOString(),
    masked_code: card.maskedCode,
  };
}
