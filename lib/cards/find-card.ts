import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { Prisma, type Card } from '@/lib/generated/prisma/client';
import { amountsFromJson, ledgerSumsSql, type CardAmounts } from './amounts';
import { cardSelect } from './card-row';
import { normalizeTokenInput, tokenLookupHashes } from '@/lib/secrets/hash';
import { checkPin, noMatch } from './check-pin';
import { guardedLookup, guardedLookupDeferringPause, type DeferCheck, type MarkMiss, type PendingPauseCheck } from './lookup-guard';
import { findTokenMatches } from './token-match';
import { tokenState } from './token-state';

export interface PresentedCard {
  card: Card;
  /** Set when the card was presented by token: its own (codeId null) or a temporary code. */
  token?: { codeId: string | null; isSingleUse: boolean };
  /** The card's amounts from its ledger, read with the card (a balance check: purpose `info`). */
  amounts?: CardAmounts;
}

/**
 * What the card is presented for. A balance check finds a single-use token that has paid (it
 * shows the card until it expires); a transaction does not, except to replay the transaction
 * `refId` made on the card (a till's retry of the payment that used the token up).
 */
export type LookupPurpose = { kind: 'info' } | { kind: 'transaction'; refId: string };

/**
 * Finds the card a caller presents: by token (the card's own, printed on it, or a live temporary
 * code) or by card_id, verifying the PIN when one is given (required with card_id). Unknown card,
 * expired token, used-up token and wrong PIN are the same error, and count against `caller`'s
 * allowance of misses (lookup-guard.ts).
 */
export async function findPresentedCard(
  accountId: string,
  presented: Presented,
  caller: string,
  purpose: LookupPurpose,
  db: DbTx = getDb(),
): Promise<PresentedCard> {
  return guardedLookup(caller, presentedCardLookup(accountId, presented, purpose, db));
}

/**
 * findPresentedCard for a write that carries the caller's pause check in its own statement
 * (lookup-guard.ts guardedLookupDeferringPause): the found card, and the check still owed.
 */
export async function findPresentedCardDeferringPause(
  accountId: string,
  presented: Presented,
  caller: string,
  purpose: LookupPurpose,
  db: DbTx = getDb(),
): Promise<{ value: PresentedCard; pause: PendingPauseCheck }> {
  return guardedLookupDeferringPause(caller, presentedCardLookup(accountId, presented, purpose, db));
}

type Presented = { token?: string; card_id?: string; pin?: string };

function presentedCardLookup(accountId: string, presented: Presented, purpose: LookupPurpose, db: DbTx) {
  const withAmounts = purpose.kind === 'info';
  return async (miss: MarkMiss, defer: DeferCheck): Promise<PresentedCard> => {
    let found: PresentedCard | null = null;
    if (presented.token) {
      // Under the current key or a retired one (a token issued before a key rotation).
      const hashes = tokenLookupHashes(accountId, normalizeTokenInput(presented.token));
      const matches = await findTokenMatches(db, accountId, hashes, { withAmounts });
      const now = new Date();
      const match = matches.find((m) => tokenState(m, now) !== 'expired');
      const isUsable =
        match !== undefined && (tokenState(match, now) === 'live' || purpose.kind === 'info' || (await hasTransaction(db, match.card.id, purpose.refId)));
      if (isUsable) found = { card: match.card, token: { codeId: match.codeId, isSingleUse: match.isSingleUse }, amounts: match.amounts };
    } else {
      found = await findByCardId(db, accountId, presented.card_id ?? '', withAmounts);
    }
    // A deleted or blocked card is an unknown card: it refuses every transaction and lookup, and
    // counts as a miss like any other (its PIN is not even checked, as for a card that is not there).
    if (!found || found.card.deletedAt || found.card.blockedAt) throw miss(noMatch());
    if (presented.pin !== undefined && !(await checkPin(found.card, presented.pin, defer))) throw miss(noMatch());
    return found;
  };
}

/** One raw read (no query building on the hot path), with the ledger sums for a balance check. */
async function findByCardId(db: DbTx, accountId: string, cardId: string, withAmounts: boolean): Promise<PresentedCard | null> {
  const sums = withAmounts ? Prisma.sql`, ${ledgerSumsSql('cards.id')} AS "ledgerSums"` : Prisma.empty;
  const rows = await db.$queryRaw<(Card & { ledgerSums?: Record<string, string> | string | null })[]>`
    SELECT ${cardSelect()}${sums} FROM cards WHERE account_id = ${accountId} AND card_id = ${cardId}`;
  const row = rows[0];
  if (!row) return null;
  const { ledgerSums, ...card } = row;
  return withAmounts ? { card, amounts: amountsFromJson(ledgerSums ?? null) } : { card };
}

async function hasTransaction(db: DbTx, cardPk: string, refId: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM card_transactions WHERE card_pk = ${cardPk}::uuid AND ref_id = ${refId}`;
  return rows.length > 0;
}
