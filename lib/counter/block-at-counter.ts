import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { applyBlock } from '@/lib/cards/block-card';
import type { BlockAtCounterInput } from './schemas';

/**
 * The counter's "Block this card": a clerk with a card in front of them (lost-and-found, a
 * customer reporting it stolen, a card that looks tampered with) blocks it at once; the audit
 * trail records who and from which store. Only head office can unblock it (lib/cards/unblock-card.ts).
 */
export async function blockAtCounter(actor: UserActor, input: BlockAtCounterInput): Promise<{ cardId: string; blocked: true }> {
  assertCan(actor, 'cards:blockAtCounter');
  await applyBlock(actor, input.cardId, { reason: input.reason, note: input.note }, 'counter');
  return { cardId: input.cardId, blocked: true };
}
