/**
 * A presented token is either a card's own token (cards.token_hash) or one of its temporary card
 * codes (card_tokens, POST /cards/{card_id}/tokens): both are found by one query here; whether a
 * token still works is token-state.ts's rule.
 */
import type { DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { Prisma, type Card } from '@/lib/generated/prisma/client';
import { amountsFromJson, ledgerSumsSql, type CardAmounts } from './amounts';
import { NO_MATCH_MESSAGE } from './check-pin';
import { ownTokenExpiresAt } from './token-state';

export interface TokenMatch {
  card: Card;
  /** The temporary code's id; null when the card's own token matched. */
  codeId: string | null;
  expiresAt: Date | null;
  isSingleUse: boolean;
  usedAt: Date | null;
  /** The card's amounts from its ledger, read by the same query (only when asked for). */
  amounts?: CardAmounts;
}

// Every Card column, aliased to its field name, so a raw query returns rows typed exactly like
// Prisma's own (the schema maps every field to its snake_case column; token-match.int.test.ts
// compares a row read both ways).
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const CARD_COLUMNS = Prisma.raw(
  Object.values(Prisma.CardScalarFieldEnum)
    .map((field) => `c."${snake(field)}" AS "${field}"`)
    .join(', '),
);

type Row = Card & {
  codeId: string | null;
  codeExpiresAt: Date | null;
  codeSingleUse: boolean | null;
  codeUsedAt: Date | null;
  ledgerSums?: Record<string, string> | string | null;
};

/**
 * The cards of the account whose own token or temporary code hashes to one of `hashes`, the card's
 * own token first. One round trip (the hot path of /info and token drawdowns). Tokens are unique
 * in the account across both tables, so normally there is one match at most.
 */
export async function findTokenMatches(db: DbTx, accountId: string, hashes: string[], options: { withAmounts?: boolean } = {}): Promise<TokenMatch[]> {
  if (hashes.length === 0) return [];
  // A balance check reads the card's ledger sums in the same round trip (same snapshot as the card).
  const sums = options.withAmounts ? Prisma.sql`, ${ledgerSumsSql('c.id')} AS "ledgerSums"` : Prisma.empty;
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${CARD_COLUMNS}, NULL::uuid AS "codeId", NULL::timestamptz AS "codeExpiresAt", NULL::boolean AS "codeSingleUse",
           NULL::timestamptz AS "codeUsedAt"${sums}
    FROM cards c WHERE c.account_id = ${accountId} AND c.token_hash = ANY(${hashes}::text[])
    UNION ALL
    SELECT ${CARD_COLUMNS}, t.id, t.expires_at, t.single_use, t.used_at${sums}
    FROM card_tokens t JOIN cards c ON c.id = t.card_pk
    WHERE t.account_id = ${accountId} AND t.token_hash = ANY(${hashes}::text[])
    ORDER BY "codeId" NULLS FIRST LIMIT 5`;
  return rows.map(({ codeId, codeExpiresAt, codeSingleUse, codeUsedAt, ledgerSums, ...card }) => {
    const amounts = options.withAmounts ? { amounts: amountsFromJson(ledgerSums ?? null) } : {};
    return codeId === null
      ? { card, codeId, expiresAt: ownTokenExpiresAt(card), isSingleUse: card.tokenSingleUse, usedAt: card.tokenUsedAt, ...amounts }
      : { card, codeId, expiresAt: codeExpiresAt, isSingleUse: codeSingleUse === true, usedAt: codeUsedAt, ...amounts };
  });
}

/**
 * Spends a single-use token for the transaction being written, in the caller's transaction and
 * under the card's row lock: one conditional UPDATE, so of two drawdowns racing with the same
 * token exactly one gets it; the other is answered like an unknown token (it cannot pay any more).
 */
export async function spendSingleUseToken(tx: DbTx, cardPk: string, codeId: string | null, now = new Date()): Promise<void> {
  const { count } =
    codeId === null
      ? await tx.card.updateMany({ where: { id: cardPk, tokenSingleUse: true, tokenUsedAt: null }, data: { tokenUsedAt: now } })
      : await tx.cardToken.updateMany({
          where: { id: codeId, cardPk, isSingleUse: true, usedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
          data: { usedAt: now },
        });
  if (count === 0) throw new AppError('NOT_FOUND', NO_MATCH_MESSAGE, undefined, userMessage('noMatch'));
}
