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
import { getSecretKeys } from './keys';

function hmacHex(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

export function hashToken(accountId: string, token: string): string {
  return hmacHex(getSecretKeys().tokenLookupKey, `${accountId}\n${token}`);
}

export function hashPin(cardPk: string, pin: string): string {
  return hmacHex(getSecretKeys().pinKey, `${cardPk}\n${pin}`);
}

/** Constant-time comparison, so response timing does not leak how much of a guess matched. */
export function verifyPin(cardPk: string, pin: string, storedHash: string): boolean {
  const expected = Buffer.from(hashPin(cardPk, pin), 'utf8');
  const stored = Buffer.from(storedHash, 'utf8');
  return stored.length === expected.length && timingSafeEqual(expected, stored);
}

/**
 * What a presented token is hashed as. Only surrounding whitespace is removed: '-' is a valid
 * symbol and a prefix may mix cases, so stripping dashes or changing case would make some real
 * tokens unfindable.
 */
export function normalizeTokenInput(raw: string): string {
  return raw.trim();
}
