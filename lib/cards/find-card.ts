import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { Card } from '@/lib/generated/prisma/client';
import { normalizeTokenInput, tokenLookupHashes } from '@/lib/secrets/hash';
import { checkPin, noMatch } from './check-pin';
import { guardedLookup } from './lookup-guard';

/**
 * Finds the card a caller presents: by token (the secret printed on the card) or by card_id,
 * verifying the PIN when one is given (required with card_id). Unknown card and wrong PIN are
 * the same error, and count against `caller`'s allowance of misses (lookup-guard.ts).
 */
export async function findPresentedCard(
  accountId: string,
  presented: { token?: string; card_id?: string; pin?: string },
  caller: string,
  db: DbTx = getDb(),
): Promise<Card> {
  return guardedLookup(caller, async (miss) => {
    const card = presented.token
      ? // Under the current key or a retired one (a token issued before a key rotation).
        await db.card.findFirst({ where: { accountId, tokenHash: { in: tokenLookupHashes(accountId, normalizeTokenInput(presented.token)) } } })
      : await db.card.findUnique({ where: { accountId_cardId: { accountId, cardId: presented.card_id ?? '' } } });
    // A deleted card is an unknown card: it refuses every transaction and lookup.
    if (!card || card.deletedAt) throw miss(noMatch());
    if (presented.pin !== undefined && !(await checkPin(card, presented.pin))) throw miss(noMatch());
    return card;
  });
}
