/**
 * Generates the clear secrets for new cards and everything derived from them: lookup hashes,
 * PIN hashes, masked codes and (optionally) barcodes. The clear values leave this module only
 * in the one-time response and, sealed, in the batch's vault.
 */
import { randomUUID } from 'node:crypto';
import { code128DataUrl } from '@/lib/secrets/barcode';
import { DEFAULT_PIN_FORMAT, DEFAULT_TOKEN_FORMAT, type SecretFormat } from '@/lib/secrets/format';
import { generateSecret, generateSecrets } from '@/lib/secrets/generate';
import type { DbTx } from '@/lib/db/client';
import { violatedUniqueIndex } from '@/lib/errors';
import { hashPin, hashToken, retiredTokenHashes } from '@/lib/secrets/hash';
import { maskSecret } from '@/lib/secrets/mask';

export interface IssuedSecrets {
  pk: string;
  token: string;
  pin: string;
  tokenHash: string;
  pinHash: string;
  maskedCode: string;
}

export function resolveFormats(options?: { pin?: { format: SecretFormat }; card_token?: { format?: SecretFormat } }) {
  return { pinFormat: options?.pin?.format ?? DEFAULT_PIN_FORMAT, tokenFormat: options?.card_token?.format ?? DEFAULT_TOKEN_FORMAT };
}

/** How the card's own token behaves (card_token.expires_in / expires_after_transaction). */
export interface TokenBehaviour {
  expiresIn: number | null;
  isSingleUse: boolean;
}

export function resolveTokenBehaviour(cardToken?: { expires_in?: number; expires_after_transaction?: boolean }): TokenBehaviour {
  return { expiresIn: cardToken?.expires_in ?? null, isSingleUse: cardToken?.expires_after_transaction ?? false };
}

export function issueSecrets(accountId: string, count: number, pinFormat: SecretFormat, tokenFormat: SecretFormat): IssuedSecrets[] {
  const tokens = generateSecrets(tokenFormat, count);
  return tokens.map((token) => {
    const pk = randomUUID();
    const pin = generateSecret(pinFormat);
    return {
      pk,
      token,
      pin,
      tokenHash: hashToken(accountId, token),
      pinHash: hashPin(pk, pin),
      maskedCode: maskSecret(token, tokenFormat.prefix),
    };
  });
}

/** The contract's one-time shapes: `pin.pin.value` and `card_token.token.value`. */
export async function secretViews(
  secret: IssuedSecrets,
  pinFormat: SecretFormat,
  tokenFormat: SecretFormat,
  behaviour: TokenBehaviour = { expiresIn: null, isSingleUse: false },
) {
  const [pinBarcode, tokenBarcode] = await Promise.all([
    pinFormat.barcode ? code128DataUrl(secret.pin) : undefined,
    tokenFormat.barcode ? code128DataUrl(secret.token) : undefined,
  ]);
  return {
    pin: { format: pinFormat, pin: { value: secret.pin, ...(pinBarcode ? { barcode_128: pinBarcode } : {}) } },
    card_token: {
      format: tokenFormat,
      expires_in: behaviour.expiresIn,
      expires_after_transaction: behaviour.isSingleUse,
      token: { value: secret.token, ...(tokenBarcode ? { barcode_128: tokenBarcode } : {}) },
    },
  };
}

/** A generated token equals one already stored: draw new secrets and try again. */
export class TokenCollision extends Error {
  constructor() {
    super('A generated card token is already in use in this account.');
    this.name = 'TokenCollision';
  }
}

/** Whether `error` means a new token collided with a stored one (then the secrets are drawn again). */
export function isTokenCollision(error: unknown): boolean {
  return error instanceof TokenCollision || Boolean(violatedUniqueIndex(error)?.includes('token_hash'));
}

/**
 * New tokens must be unique in the account among the cards' own tokens and the temporary card
 * codes, or a lookup would be ambiguous. The unique index of the table being inserted into sees
 * hashes under the current key in that table only; the rest is checked here, in the inserting
 * transaction, in one query: the other table under every key, and this table under retired keys
 * (a token issued before a key rotation). `hashes` are the new tokens' hashes under the current key.
 * (A value inserted into both tables at the same instant by two transactions is not excluded: with
 * random tokens that is a collision within a collision, and the lookup then prefers the card's own.)
 */
export async function assertTokensFree(tx: DbTx, accountId: string, into: 'cards' | 'card_tokens', tokens: string[], hashes: string[]): Promise<void> {
  const retired = retiredTokenHashes(accountId, tokens);
  const all = [...hashes, ...retired];
  const [inCards, inCodes] = into === 'cards' ? [retired, all] : [all, retired];
  if (inCards.length === 0 && inCodes.length === 0) return;
  const clash = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM cards WHERE account_id = ${accountId} AND token_hash = ANY(${inCards}::text[])
    UNION ALL
    SELECT 1 FROM card_tokens WHERE account_id = ${accountId} AND token_hash = ANY(${inCodes}::text[])
    LIMIT 1`;
  if (clash.length > 0) throw new TokenCollision();
}
