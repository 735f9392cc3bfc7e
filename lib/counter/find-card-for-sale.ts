import type { UserMessage } from '@/lib/i18n/user-message';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getCounterStore } from './get-counter-store';
import { counterCard, resolveCard, sellabilityProblem } from './resolve-card';
import type { ResolveCardInput } from './schemas';
import type { CounterCard } from './views';

export interface CardForSale {
  card: CounterCard;
  /** Why it cannot be sold (already activated, expired, not ready, blocked); null when it can. */
  problem: { reason: string; message: string; userMessage?: UserMessage } | null;
}

/**
 * Step one at the counter: which card is this, and may it be sold here now? A recognised card is
 * returned even when it may not be sold, so the clerk sees what they scanned. Unknown, mistyped
 * and other accounts' cards are errors. Store users of the account (clerks for their own store).
 */
export async function findCardForSale(actor: UserActor, input: ResolveCardInput): Promise<CardForSale> {
  assertCan(actor, 'cards:activate');
  const [, policy, match] = await Promise.all([getCounterStore(actor, input.storeId), getStorePolicy(actor), resolveCard(actor, input.code)]);
  const problem = sellabilityProblem(match.card, policy.timeZone);
  const reason = (problem?.details as { reason?: string } | undefined)?.reason ?? 'not_sellable';
  return { card: counterCard(match.card, policy.timeZone), problem: problem ? { reason, message: problem.message, ...(problem.userMessage ? { userMessage: problem.userMessage } : {}) } : null };
}
