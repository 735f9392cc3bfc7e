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

export function resolveFormats(options?: { pin?: { format: SecretFormat }; card_token?: { format: SecretFormat } }) {
  return { pinFormat: options?.pin?.format ?? DEFAULT_PIN_FORMAT, tokenFormat: options?.card_token?.format ?? DEFAULT_TOKEN_FORMAT };
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
export async function secretViews(secret: IssuedSecrets, pinFormat: SecretFormat, tokenFormat: SecretFormat) {
  const [pinBarcode, tokenBarcode] = await Promise.all([
    pinFormat.barcode ? code128DataUrl(secret.pin) : undefined,
    tokenFormat.barcode ? code128DataUrl(secret.token) : undefined,
  ]);
  return {
    pin: { format: pinFormat, pin: { value: secret.pin, ...(pinBarcode ? { barcode_128: pinBarcode } : {}) } },
    card_token: {
      format: tokenFormat,
      expires_in: null,
      expires_after_transaction: false,
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
 * The unique index sees token hashes under the current key only; after a key rotation a new
 * token could equal one stored under a retired key (and a lookup would then be ambiguous), so
 * those are checked here, in the inserting transaction.
 */
export async function assertTokensUnusedUnderRetiredKeys(tx: DbTx, accountId: string, tokens: string[]): Promise<void> {
  const hashes = retiredTokenHashes(accountId, tokens);
  if (hashes.length === 0) return;
  const clash = await tx.card.findFirst({ where: { accountId, tokenHash: { in: hashes } }, select: { id: true } });
  if (clash) throw new TokenCollision();
}
