/**
 * The keys that protect card secrets, all derived from one master key with HKDF-SHA256 so that
 * operators manage a single value. Each purpose gets its own derived key (distinct `info` label):
 * a token lookup hash can never be replayed as a PIN hash, a vault key leak does not reveal the
 * HMAC keys, and so on. The master key is never logged or echoed in an error.
 */
import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getEnv } from '@/lib/env';

export interface SecretKeys {
  /** Stored beside everything these keys protect, so the master key can be rotated later. */
  keyId: string;
  tokenLookupKey: Buffer;
  pinKey: Buffer;
  vaultKey: Buffer;
  apiTokenKey: Buffer;
  /** Hashes the emails and addresses that failed sign-in counters are kept under. */
  loginThrottleKey: Buffer;
}

const KEY_BYTES = 32;
// Changing a label changes the derived key: every stored hash or sealed chunk made with it is lost.
const LABELS = {
  tokenLookupKey: 'cardstock/token-lookup/v1',
  pinKey: 'cardstock/pin/v1',
  vaultKey: 'cardstock/vault/v1',
  apiTokenKey: 'cardstock/api-token/v1',
  loginThrottleKey: 'cardstock/login-throttle/v1',
} as const;

const NOT_SET_MESSAGE =
  'CARDSTOCK_SECRETS_KEY (or CARDSTOCK_SECRETS_KEY_FILE) is not set: card secrets cannot be generated or verified. See README, Configuration.';

function derive(master: Buffer, info: string): Buffer {
  // Empty salt is fine (RFC 5869 §3.1): the master key is already uniformly random.
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));
}

/**
 * Derives the keys from a base64 master key. `source` only names the setting in error messages.
 * Exported for tests and scripts; the app uses `getSecretKeys()`.
 */
export function loadSecretKeysFrom(masterKeyBase64: string, keyId: string, source = 'CARDSTOCK_SECRETS_KEY'): SecretKeys {
  const text = masterKeyBase64.trim();
  // Buffer.from(…, 'base64') silently skips junk, so check the alphabet before trusting the length.
  const master = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (master.length !== KEY_BYTES) {
    throw new Error(`${source} must be ${KEY_BYTES} random bytes in base64 (generate with \`openssl rand -base64 32\`).`);
  }
  return {
    keyId,
    tokenLookupKey: derive(master, LABELS.tokenLookupKey),
    pinKey: derive(master, LABELS.pinKey),
    vaultKey: derive(master, LABELS.vaultKey),
    apiTokenKey: derive(master, LABELS.apiTokenKey),
    loginThrottleKey: derive(master, LABELS.loginThrottleKey),
  };
}

function readKeyFile(file: string, setting = 'CARDSTOCK_SECRETS_KEY_FILE'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new Error(`${setting}: cannot read ${file}${code}.`);
  }
}

let cached: SecretKeys | undefined;
let cachedRetired: SecretKeys[] | undefined;

/** The current keys, loaded from the settings on first use. Throws a configuration error if unset or malformed. */
export function getSecretKeys(): SecretKeys {
  if (cached) return cached;
  const env = getEnv();
  if (env.CARDSTOCK_SECRETS_KEY && env.CARDSTOCK_SECRETS_KEY_FILE) {
    throw new Error('Set only one of CARDSTOCK_SECRETS_KEY and CARDSTOCK_SECRETS_KEY_FILE.');
  }
  if (env.CARDSTOCK_SECRETS_KEY) {
    cached = loadSecretKeysFrom(env.CARDSTOCK_SECRETS_KEY, env.CARDSTOCK_SECRETS_KEY_ID);
  } else if (env.CARDSTOCK_SECRETS_KEY_FILE) {
    const file = env.CARDSTOCK_SECRETS_KEY_FILE;
    cached = loadSecretKeysFrom(readKeyFile(file), env.CARDSTOCK_SECRETS_KEY_ID, `The key in CARDSTOCK_SECRETS_KEY_FILE (${file})`);
  } else {
    throw new Error(NOT_SET_MESSAGE);
  }
  return cached;
}

/**
 * Parses retired master keys: `id:base64` entries separated by commas or new lines (blank lines
 * and `#` comments ignored). `source` only names the setting in error messages, which never
 * contain a key.
 */
export function parseRetiredKeys(text: string, currentKeyId: string, source = 'CARDSTOCK_SECRETS_RETIRED_KEYS'): SecretKeys[] {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '' && !e.startsWith('#'));
  const seen = new Set([currentKeyId]);
  return entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new Error(`${source}: entry ${i + 1} must be "key-id:base64-key".`);
    if (seen.has(id)) throw new Error(`${source}: key id "${id}" appears twice (or is the current CARDSTOCK_SECRETS_KEY_ID).`);
    seen.add(id);
    return loadSecretKeysFrom(entry.slice(colon + 1), id, `${source} (key id "${id}")`);
  });
}

/**
 * Keys retired by a rotation (CARDSTOCK_SECRETS_RETIRED_KEYS or …_FILE). Nothing new is made
 * with them; they still verify what was made before: token lookups, PINs, vault chunks, API
 * access tokens. Keep a retired key until no card issued under it matters any more.
 */
export function getRetiredSecretKeys(): SecretKeys[] {
  if (cachedRetired) return cachedRetired;
  const env = getEnv();
  const current = getSecretKeys();
  if (env.CARDSTOCK_SECRETS_RETIRED_KEYS && env.CARDSTOCK_SECRETS_RETIRED_KEYS_FILE) {
    throw new Error('Set only one of CARDSTOCK_SECRETS_RETIRED_KEYS and CARDSTOCK_SECRETS_RETIRED_KEYS_FILE.');
  }
  if (env.CARDSTOCK_SECRETS_RETIRED_KEYS_FILE) {
    const file = env.CARDSTOCK_SECRETS_RETIRED_KEYS_FILE;
    cachedRetired = parseRetiredKeys(readKeyFile(file, 'CARDSTOCK_SECRETS_RETIRED_KEYS_FILE'), current.keyId, `CARDSTOCK_SECRETS_RETIRED_KEYS_FILE (${file})`);
  } else {
    cachedRetired = parseRetiredKeys(env.CARDSTOCK_SECRETS_RETIRED_KEYS ?? '', current.keyId);
  }
  return cachedRetired;
}

/** The current keys first, then the retired ones: what to try when verifying. */
export function allSecretKeys(): SecretKeys[] {
  return [getSecretKeys(), ...getRetiredSecretKeys()];
}

/** The keys with this id (current or retired), or undefined. */
export function secretKeysById(keyId: string): SecretKeys | undefined {
  return allSecretKeys().find((k) => k.keyId === keyId);
}

/** Tests only: forget the cached keys, or install the given ones instead of reading the settings. */
export function resetSecretKeysForTests(keys?: SecretKeys, retired?: SecretKeys[]): void {
  cached = keys;
  cachedRetired = retired;
}
