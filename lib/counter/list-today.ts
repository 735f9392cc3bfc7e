import type { UserMessage } from '@/lib/i18n/user-message';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { parseActorRef, userIdsOf } from '@/lib/auth/actor-ref';
import { getDb } from '@/lib/db/client';
import { dayRange, formatIsoDate } from '@/lib/time/zoned';
import { getCounterStore, type CounterStore } from './get-counter-store';
import { undoRefusal } from './undo-activation';
import { receiptNumberOf, type CardStatusName } from './views';

export interface TodayActivation {
  cardId: string;
  maskedCode: string | null;
  amount: number;
  currency: string;
  activatedAt: string;
  clerk: string;
  receiptNumber: string | null;
  status: CardStatusName;
  /** Null when the actor may undo it now; otherwise why not. */
  /** Why this row cannot be undone, as a message key (the page words it); null when it can. */
  undoRefusal: UserMessage | null;
}

export interface TodayAtStore {
  store: CounterStore;
  /** The local calendar day, YYYY-MM-DD, in the account's time zone. */
  date: string;
  timeZone: string;
  activations: TodayActivation[];
  totals: { currency: string; count: number; amount: number }[];
}

/**
 * The cards activated at one store today (the account's local day), newest first, with totals
 * per currency. Clerks see only their own store; HQ chooses one. Undone activations are no
 * longer activations and drop out of the list (the audit log keeps them).
 */
export async function listTodayActivations(actor: UserActor, input: { storeId?: string }, now = new Date()): Promise<TodayAtStore> {
  assertCan(actor, 'store:use');
  const [store, policy] = await Promise.all([getCounterStore(actor, input.storeId), getStorePolicy(actor)]);
  const day = dayRange(now, policy.timeZone);
  const db = getDb();
  const cards = await db.card.findMany({
    where: { accountId: actor.accountId, activatedStoreId: store.id, activatedAt: { gte: day.start, lt: day.end } },
    orderBy: { activatedAt: 'desc' },
  });
  const userIds = userIdsOf(cards.map((c) => c.activatedBy));
  const users = userIds.length
    ? await db.user.findMany({ where: { id: { in: userIds }, accountId: actor.accountId }, select: { id: true, name: true, email: true } })
    : [];
  const clerkName = new Map(users.map((u) => [u.id, u.name || u.email]));
  const clerkOf = (ref: string | null): string => {
    const parsed = ref ? parseActorRef(ref) : null;
    if (parsed?.kind === 'user') return clerkName.get(parsed.userId) ?? 'Unknown';
    return parsed?.kind === 'api_client' ? 'API' : 'Unknown';
  };

  const totals = new Map<string, { currency: string; count: number; amount: number }>();
  const activations = cards.map((card): TodayActivation => {
    const currency = card.currency ?? '';
    const total = totals.get(currency) ?? { currency, count: 0, amount: 0 };
    total.count += 1;
    total.amount += Number(card.amount);
    totals.set(currency, total);
    // The list's guess at "used" from the cached amounts; undoActivation re-checks the ledger under the lock.
    const hasBeenUsed = card.balance !== card.amount || card.pending !== BigInt(0);
    return {
      cardId: card.cardId,
      maskedCode: card.maskedCode,
      amount: Number(card.amount),
      currency,
      activatedAt: card.activatedAt!.toISOString(),
      clerk: clerkOf(card.activatedBy),
      receiptNumber: receiptNumberOf(card.metadata),
      status: card.status,
      undoRefusal: undoRefusal(actor, card, hasBeenUsed, now)?.userMessage ?? null,
    };
  });
  return { store, date: formatIsoDate(day.date), timeZone: policy.timeZone, activations, totals: [...totals.values()] };
}
