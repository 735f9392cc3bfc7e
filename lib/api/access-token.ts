/**
 * Access tokens of the Wallet API: HS256 JWTs (jose, the JOSE library Auth.js itself uses)
 * carrying the account and scopes, signed with a key derived from the secrets master key.
 */
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AppError } from '@/lib/errors';
import { allSecretKeys, getSecretKeys } from '@/lib/secrets/keys';

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
async function verifiedPayload(token: string): Promise<JWTPayload> {
  let lastError: unknown;
  for (const keys of allSecretKeys()) {
    try {
      return (await jwtVerify(token, await hmacKey(keys.apiTokenKey), { issuer: ISSUER, algorithms: ['HS256'] })).payload;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Verifies signature, issuer and expiry; throws UNAUTHENTICATED (never saying which check failed). */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  try {
    const payload = await verifiedPayload(token);
    if (typeof payload.aid !== 'string' || typeof payload.sub !== 'string' || typeof payload.cid !== 'string') {
      throw new Error('malformed claims');
    }
    return {
      clientId: payload.sub,
      apiClientId: payload.cid,
      accountId: payload.aid,
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    };
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The access token is missing, invalid or expired.');
  }
}
