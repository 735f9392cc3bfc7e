/**
 * Access tokens of the Wallet API: HS256 JWTs (jose, the JOSE library Auth.js itself uses)
 * carrying the account and scopes, signed with a key derived from the secrets master key.
 */
import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AppError } from '@/lib/errors';
import { allSecretKeys, getRetiredSecretKeys, getSecretKeys } from '@/lib/secrets/keys';

export const ACCESS_TOKEN_TTL_SECONDS = 4 * 60 * 60;
const ISSUER = 'cardstock';

export interface AccessTokenClaims {
  clientId: string;
  apiClientId: string;
  accountId: string;
  scopes: string[];
}

/**
 * The HMAC key imported into WebCrypto once per secret (jose would import a raw key on every
 * sign and verify: about 3% of a Wallet API request's CPU). Keyed by the key buffer, which
 * lib/secrets/keys.ts derives once per process.
 */
const imported = new WeakMap<Buffer, Promise<CryptoKey>>();

function hmacKey(raw: Buffer): Promise<CryptoKey> {
  let key = imported.get(raw);
  if (!key) {
    key = crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    imported.set(raw, key);
  }
  return key;
}

export async function issueAccessToken(claims: AccessTokenClaims, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ aid: claims.accountId, scope: claims.scopes.join(' '), cid: claims.apiClientId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(claims.clientId)
    .setAudience(`cardstock:${claims.accountId}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .sign(await hmacKey(getSecretKeys().apiTokenKey));
}

/** Tokens signed before a key rotation stay valid until they expire (retired keys verify them). */
async function verifiedPayload(token: string, now: number): Promise<JWTPayload> {
  let lastError: unknown;
  for (const keys of allSecretKeys()) {
    try {
      return (await jwtVerify(token, await hmacKey(keys.apiTokenKey), { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(now) })).payload;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * Tokens this process has verified, by SHA-256 of the token, until they expire: a till sends the
 * same token with every request for hours, and a signed token's claims cannot change, so its
 * signature is checked once (WebCrypto's HMAC verify was ~8% of a request's CPU). Only successes
 * are kept, never past the token's `exp`; whether its client is still allowed is asked on every
 * request (authenticate-api-client.ts). Bounded; the oldest entry goes first.
 */
const MAX_VERIFIED_TOKENS = 10_000;
const verifiedTokens = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>();

/** Forgets the verified tokens (tests). */
export function forgetVerifiedTokens(): void {
  verifiedTokens.clear();
}

/**
 * A token verified under keys that are no longer configured (a retired key dropped) must be
 * checked again: the cache holds only while the key set it was verified under is the current one.
 */
let verifiedUnder: { current: unknown; retired: unknown } | undefined;
function keepOnlyTokensOfTheseKeys(): void {
  const current = getSecretKeys();
  const retired = getRetiredSecretKeys();
  if (verifiedUnder?.current === current && verifiedUnder.retired === retired) return;
  verifiedTokens.clear();
  verifiedUnder = { current, retired };
}

/** Verifies signature, issuer and expiry; throws UNAUTHENTICATED (never saying which check failed). */
export async function verifyAccessToken(token: string, now = Date.now()): Promise<AccessTokenClaims> {
  keepOnlyTokensOfTheseKeys();
  const digest = createHash('sha256').update(token).digest('base64');
  const known = verifiedTokens.get(digest);
  if (known) {
    if (known.expiresAt > now) return known.claims;
    verifiedTokens.delete(digest);
  }
  try {
    const payload = await verifiedPayload(token, now);
    if (typeof payload.aid !== 'string' || typeof payload.sub !== 'string' || typeof payload.cid !== 'string' || typeof payload.exp !== 'number') {
      throw new Error('malformed claims');
    }
    const claims: AccessTokenClaims = {
      clientId: payload.sub,
      apiClientId: payload.cid,
      accountId: payload.aid,
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    };
    if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) verifiedTokens.delete(verifiedTokens.keys().next().value!);
    verifiedTokens.set(digest, { claims, expiresAt: payload.exp * 1000 });
    return claims;
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The access token is missing, invalid or expired.');
  }
}
