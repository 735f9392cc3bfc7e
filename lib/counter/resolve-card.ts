/**
 * Turns what a clerk scanned or typed into a card of their account, with errors a clerk
 * understands: unknown card, a mistyped check digit, a card of another account, already
 * activated (when and where), expired, or not sellable because its print run is not ready.
 */
import { userMessage } from '@/lib/i18n/user-message';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { isExpired } from '@/lib/cards/lock-card';
import { guardedLookup } from '@/lib/cards/lookup-guard';
import { ownTokenExpiresAt, tokenState } from '@/lib/cards/token-state';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { tokenLookupHashes } from '@/lib/secrets/hash';
import { formatDate, formatDateTime } from '@/lib/time/format';
import { batchIdRange, SPEC_SQL } from '@/lib/print-runs/batch-spec';
import { cardCodeCandidates, type AccountCardFormats } from './card-code';
import type { CounterCard } from './views';

const CARD_REFS = { batch: true, activatedStore: { select: { name: true } } } as const;
export type CardWithRefs = Prisma.CardGetPayload<{ include: typeof CARD_REFS }>;

export interface CardMatch {
  card: CardWithRefs | null;
  /** A token is the card's secret; a card id is printed in clear (a balance needs the PIN then). */
  matchedBy: 'card_id' | 'token' | null;
  isMistyped: boolean;
  cardIds: string[];
}

export const MISTYPED_MESSAGE = 'The check digit does not match. Did you mistype the card number? Check it and try again.';

/** No card found, and the code has the shape of one of the account's Luhn-checked ids with a wrong check digit. */
export function mistyped(): AppError {
  return new AppError('INVALID_INPUT', MISTYPED_MESSAGE, { reason: 'check_digit', fieldErrors: { code: [MISTYPED_MESSAGE] } }, userMessage('mistyped'));
}

async function loadCardFormats(accountId: string): Promise<AccountCardFormats> {
  const rows = await getDb().$queryRaw<{ token_prefix: string | null; scheme_prefix: string | null; pad_width: number | null; luhn: boolean | null }[]>`
    SELECT DISTINCT ${SPEC_SQL.tokenPrefix} AS token_prefix,
           ${SPEC_SQL.schemePrefix} AS scheme_prefix,
           ${SPEC_SQL.schemePadWidth} AS pad_width,
           ${SPEC_SQL.schemeLuhn} AS luhn
    FROM batches WHERE account_id = ${accountId}`;
  const tokenPrefixes = new Set<string>();
  const schemes: AccountCardFormats['schemes'] = [];
  for (const row of rows) {
    if (row.token_prefix) tokenPrefixes.add(row.token_prefix);
    if (row.scheme_prefix !== null && row.pad_width !== null) {
      schemes.push({ prefix: row.scheme_prefix, padWidth: row.pad_width, luhn: row.luhn === true });
    }
  }
  return { tokenPrefixes: [...tokenPrefixes], schemes };
}

/**
 * Every reading of `code`, as a card id, the card's own token or a temporary card code; card ids
 * are preferred over tokens, literal over fuzzy. An expired token matches nothing; a single-use
 * token that has paid still finds its card (the counter only shows it, it does not pay).
 */
export async function matchCardCode(accountId: string, code: string): Promise<CardMatch> {
  const candidates = cardCodeCandidates(code, await loadCardFormats(accountId));
  // Each reading under every key (current and retired), in preference order.
  const hashes = candidates.tokens.flatMap((t) => tokenLookupHashes(accountId, t));
  const db = getDb();
  const now = new Date();
  // The temporary codes are looked up alongside the cards, not after them; the card a code pays
  // from is loaded only when a code is what matched.
  const [cards, codes] = await Promise.all([
    db.card.findMany({
      where: { accountId, deletedAt: null, OR: [{ cardId: { in: candidates.cardIds } }, { tokenHash: { in: hashes } }] },
      include: CARD_REFS,
      take: 20,
    }),
    db.cardToken.findMany({
      where: { accountId, tokenHash: { in: hashes }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { cardPk: true, tokenHash: true },
      take: 20,
    }),
  ]);
  const base = { isMistyped: false, cardIds: candidates.cardIds };
  for (const id of candidates.cardIds) {
    const card = cards.find((c) => c.cardId === id);
    if (card) return { ...base, card, matchedBy: 'card_id' };
  }
  for (const hash of hashes) {
    const card = cards.find((c) => c.tokenHash === hash);
    const isLive = card && tokenState({ expiresAt: ownTokenExpiresAt(card), isSingleUse: false, usedAt: null }, now) !== 'expired';
    if (card && isLive) return { ...base, card, matchedBy: 'token' };
    const match = codes.find((t) => t.tokenHash === hash);
    const coded = match && (await db.card.findFirst({ where: { id: match.cardPk, accountId, deletedAt: null }, include: CARD_REFS }));
    if (coded) return { ...base, card: coded, matchedBy: 'token' };
  }
  return { card: null, matchedBy: null, isMistyped: candidates.isMistyped, cardIds: candidates.cardIds };
}

/**
 * Whether the code is the card id of another account's card (whose details stay hidden). Card
 * ids only: they are printed in clear. Telling whether a *token* is valid in another account would
 * let a clerk test guessed tokens against every chain, so a foreign token is simply unknown.
 */
async function isOtherAccountsCard(accountId: string, cardIds: string[]): Promise<boolean> {
  const db = getDb();
  const others = await db.account.findMany({ where: { id: { not: accountId } }, select: { id: true } });
  if (others.length === 0) return false;
  const card = await db.card.findFirst({ where: { accountId: { in: others.map((a) => a.id) }, cardId: { in: cardIds } }, select: { id: true } });
  return card !== null;
}

/** The card the clerk means, or an error saying why none was found. Any store user of the account. */
export async function resolveCard(actor: UserActor, code: string): Promise<CardMatch & { card: CardWithRefs }> {
  assertCan(actor, 'store:use');
  // Unknown, mistyped and other accounts' cards count as misses against the clerk (lookup-guard.ts).
  return guardedLookup(actorRef(actor), async (miss) => {
    const match = await matchCardCode(actor.accountId, code);
    if (match.card) return { ...match, card: match.card };
    if (match.isMistyped) throw miss(mistyped());
    if (await isOtherAccountsCard(actor.accountId, match.cardIds)) {
      throw miss(new AppError('NOT_FOUND', `Wrong account: this is not a ${actor.accountName} card. Do not sell it here.`, { reason: 'wrong_account' }, userMessage('wrongAccount', { account: actor.accountName })));
    }
    throw miss(
      new AppError(
        'NOT_FOUND',
        `Unknown card: ${actor.accountName} has no card with this number. Check it and try again.`,
        { reason: 'unknown_card' },
        userMessage('unknownCard', { account: actor.accountName }),
      ),
    );
  });
}

export const BLOCKED_CARD_MESSAGE = 'This card is blocked — keep it and call head office. Do not sell it or take payment with it.';

/** A card head office blocked (lib/cards/block-card.ts), in a clerk's words. */
export function blockedCard(): AppError {
  return new AppError('CONFLICT', BLOCKED_CARD_MESSAGE, { reason: 'card_blocked' }, userMessage('cardBlocked'));
}

/** Why this card cannot be sold now, in a clerk's words; null when it can. */
export function sellabilityProblem(card: CardWithRefs, timeZone: string, now = new Date()): AppError | null {
  if (card.blockedAt) return blockedCard();
  if (card.status !== 'inactive') {
    const when = card.activatedAt ? ` on ${formatDateTime(card.activatedAt, timeZone)}` : '';
    const where = card.activatedStore ? ` at ${card.activatedStore.name}` : card.activatedAt ? ' by head office or a till' : '';
    const expired = isExpired(card, now) ? ` It expired on ${formatDate(card.expiresAt!, timeZone)}.` : '';
    return new AppError(
      'CONFLICT',
      `Already activated${when}${where}. Do not sell it again.${expired}`,
      { reason: 'already_activated', status: card.status, activated_at: card.activatedAt?.toISOString(), store_name: card.activatedStore?.name },
      userMessage('alreadyActivated', {
        when: card.activatedAt ? { dateTime: card.activatedAt, timeZone } : 'none',
        store: card.activatedStore ? card.activatedStore.name : card.activatedAt ? 'headOffice' : 'none',
        expired: isExpired(card, now) ? { date: card.expiresAt!, timeZone } : 'none',
      }),
    );
  }
  if (card.batch && card.batch.status === 'FAILED') {
    return new AppError('CONFLICT', 'Blocked: this card’s print run failed. Do not sell it; return it to head office.', { reason: 'blocked' }, userMessage('printRunFailed'));
  }
  if (card.batch && card.batch.status !== 'READY') {
    return new AppError('CONFLICT', 'Not ready: this card’s print run is still being produced. Try again later.', { reason: 'not_ready' }, userMessage('printRunNotReady'));
  }
  if (isExpired(card, now)) {
    return new AppError('CONFLICT', `Expired on ${formatDate(card.expiresAt!, timeZone)}. Do not sell it.`, { reason: 'expired' }, userMessage('expired', { date: { date: card.expiresAt!, timeZone } }));
  }
  return null;
}

/** The card's batch as data; the UI words it in the user's language. */
function counterBatch(batch: CardWithRefs['batch']): CounterCard['batch'] {
  if (!batch) return null;
  const range = batchIdRange(batch.spec);
  return {
    firstCardId: range?.first ?? null,
    lastCardId: range?.last ?? null,
    quantity: batch.quantity,
    purchaseOrder: batch.purchaseOrder ?? null,
    orderedAt: batch.createdAt.toISOString(),
  };
}

export function counterCard(card: CardWithRefs, timeZone: string): CounterCard {
  return {
    cardId: card.cardId,
    type: card.type,
    status: card.status,
    maskedCode: card.maskedCode,
    batch: counterBatch(card.batch),
    timeZone,
    isBlocked: card.blockedAt !== null,
  };
}
