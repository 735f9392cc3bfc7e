import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { ledgerAmounts } from '@/lib/cards/amounts';
import { checkPin, noMatch } from '@/lib/cards/check-pin';
import { guardedLookup } from '@/lib/cards/lookup-guard';
import { isExpired } from '@/lib/cards/lock-card';
import { getDb } from '@/lib/db/client';
import type { LedgerKind } from '@/lib/generated/prisma/client';
import { blockedCard, matchCardCode, mistyped } from './resolve-card';
import type { LookupBalanceInput } from './schemas';
import type { CardStatusName } from './views';

/** How each ledger row moves what the customer can spend (a reservation holds money back). */
const EFFECT: Record<LedgerKind, { sign: 1 | -1; label: string }> = {
  FUND: { sign: 1, label: 'Loaded' },
  DRAWDOWN: { sign: -1, label: 'Spent' },
  RESERVE: { sign: -1, label: 'Reserved' },
  CAPTURE: { sign: -1, label: 'Reservation spent' },
  RELEASE: { sign: 1, label: 'Reservation released' },
  REVERSAL: { sign: -1, label: 'Activation undone' },
  WRITE_OFF: { sign: -1, label: 'Written off' },
  EXPIRY: { sign: -1, label: 'Expired' },
  ADJUST_CREDIT: { sign: 1, label: 'Corrected by head office' },
  ADJUST_DEBIT: { sign: -1, label: 'Corrected by head office' },
  REFUND: { sign: 1, label: 'Refunded' },
  TRANSFER_OUT: { sign: -1, label: 'Moved to a replacement card' },
  TRANSFER_IN: { sign: 1, label: 'Moved from a replaced card' },
};

export type BalanceLookup =
  | { kind: 'pin_required' }
  | {
      kind: 'found';
      cardId: string;
      maskedCode: string | null;
      status: CardStatusName;
      isExpired: boolean;
      currency: string | null;
      balance: number;
      available: number;
      expiresAt: string | null;
      timeZone: string;
      /** The last 5, newest first: amounts and dates only. */
      transactions: { amount: number; sign: 1 | -1; label: string; at: string }[];
    };

/**
 * Balance at the counter. A scanned or typed token is the card's secret and enough on its own;
 * a card id is printed in clear, so the PIN is asked for — checked with the Wallet API's rule
 * (5 wrong PINs in 15 minutes pause the card's PIN checks; wrong PIN and unknown card look the
 * same). A code that matches no card also asks for the PIN, exactly like a card id, and counts as
 * a miss: an unknown code is never answered for free. Any store user of the account.
 */
export async function lookupBalance(actor: UserActor, input: LookupBalanceInput): Promise<BalanceLookup> {
  assertCan(actor, 'balance:lookup');
  // Every lookup that finds no card counts as a miss against the clerk (lookup-guard.ts).
  const found = guardedLookup(actorRef(actor), async (miss) => {
    const match = await matchCardCode(actor.accountId, input.code);
    if (!match.card) {
      if (match.isMistyped) throw miss(mistyped());
      // Answered like a card id (its PIN is asked for), so the answer does not tell a wrong token
      // from a card id; the PIN step then answers "no card matches" and counts again.
      if (!input.pin) return miss(null);
      throw miss(noMatch());
    }
    if (match.matchedBy === 'token') {
      if (match.card.blockedAt) throw blockedCard();
      return match.card;
    }
    if (!input.pin) return null; // ask for the PIN first
    if (!(await checkPin(match.card, input.pin))) throw miss(noMatch());
    // A blocked card shows no balance; the clerk is told to keep it (after the PIN, so a typed
    // card id alone does not tell which cards are blocked).
    if (match.card.blockedAt) throw blockedCard();
    return match.card;
  });
  const [card, policy] = await Promise.all([found, getStorePolicy(actor)]);
  if (!card) return { kind: 'pin_required' };
  const db = getDb();
  const [amounts, rows] = await Promise.all([
    ledgerAmounts(db, [card.id]),
    db.cardTransaction.findMany({ where: { cardPk: card.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 5 }),
  ]);
  const a = amounts.get(card.id)!;
  return {
    kind: 'found',
    cardId: card.cardId,
    maskedCode: card.maskedCode,
    status: card.status,
    isExpired: isExpired(card),
    currency: card.currency,
    balance: Number(a.amount_balance),
    available: Number(a.amount_available),
    expiresAt: card.expiresAt?.toISOString() ?? null,
    timeZone: policy.timeZone,
    transactions: rows.map((r) => ({ amount: Number(r.amount), sign: EFFECT[r.kind].sign, label: EFFECT[r.kind].label, at: r.createdAt.toISOString() })),
  };
}
