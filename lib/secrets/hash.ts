/**
 * Card tokens and PINs are stored only as keyed hashes (HMAC-SHA256), never in clear. A plain
 * hash would be brute-forced in seconds (a 4-digit PIN has 10,000 values); the HMAC key lives
 * outside the database, so a leaked dump alone reveals nothing.
 *
 * - Token hashes are deterministic per account, so a presented token can be looked up by its
 *   hash (unique index on account + hash); the account id in the input keeps accounts apart.
 * - PIN hashes are bound to the card's primary key, so equal PINs on two cards hash differently
 *   and a hash cannot be copied onto another card.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { allSecretKeys, getSecretKeys, getRetiredSecretKeys, type SecretKeys } from './keys';

function hmacHex(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

/** The lookup hash a new token is stored under (current key). */
export function hashToken(accountId: string, token: string, keys: SecretKeys = getSecretKeys()): string {
  return hmacHex(keys.tokenLookupKey, `${accountId}\n${token}`);
}

/** Every hash a stored token may have: under the current key and under each retired one. */
export function tokenLookupHashes(accountId: string, token: string): string[] {
  return allSecretKeys().map((keys) => hashToken(accountId, token, keys));
}

/** The hashes of `tokens` under retired keys only (to keep new tokens unique across a rotation). */
export function retiredTokenHashes(accountId: string, tokens: string[]): string[] {
  return getRetiredSecretKeys().flatMap((keys) => tokens.map((token) => hashToken(accountId, token, keys)));
}

export function hashPin(cardPk: string, pin: string, keys: SecretKeys = getSecretKeys()): string {
  return hmacHex(keys.pinKey, `${cardPk}\n${pin}`);
}

/**
 * Constant-time comparison, so response timing does not leak how much of a guess matched. Tried
 * with every key (current, then retired), since a PIN may have been set before a rotation.
 */
export function verifyPin(cardPk: string, pin: string, storedHash: string): boolean {
  const stored = Buffer.from(storedHash, 'utf8');
  let match = false;
  for (const keys of allSecretKeys()) {
    const expected = Buffer.from(hashPin(cardPk, pin, keys), 'utf8');
    // No early exit: the time taken does not say which key matched.
    if (stored.length === expected.length && timingSafeEqual(expected, stored)) match = true;
  }
  return match;
}

/**
 * What a presented token is hashed as. Only surrounding whitespace is removed: '-' is a valid
 * symbol and a prefix may mix cases, so stripping dashes or changing case would make some real
 * tokens unfindable.
 */
export function normalizeTokenInput(raw: string): string {
  return raw.trim();
}
