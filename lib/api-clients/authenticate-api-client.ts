import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiClientActor } from '@/lib/auth/actor';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { beginTokenAttempt, endTokenAttempt } from './token-throttle';

/** Longest client id the database holds (api_clients.client_id) and longest secret worth hashing (ours are 43 characters). */
const MAX_CLIENT_ID_LENGTH = 120;
const MAX_SECRET_LENGTH = 1024;

/**
 * Secrets this process has verified, per API client: a SHA-256 of the secret and the stored hash
 * it matched. A request with the same secret for the same, unchanged client is the same answer
 * without another scrypt hash. Safe because the secrets are 256 random bits (a fast hash of them
 * cannot be reversed or guessed), the entry only ever stands for a check that succeeded, and the
 * client row is still read on every request (revoked, wrong account, a new secret → no match).
 * Bounded by the number of clients; entries expire after a day.
 */
const VERIFIED_TTL_MS = 24 * 3600 * 1000;
const MAX_VERIFIED = 10_000;
const verified = new Map<string, { secretHash: string; digest: Buffer; expiresAt: number }>();

/** Identical checks in flight (same client, same secret) share one attempt and one hash. */
const inFlight = new Map<string, Promise<Outcome>>();

type Outcome = { allowed: true; valid: boolean } | { allowed: false; retryAfterSeconds: number };

function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function isVerified(client: { id: string; secretHash: string }, digest: Buffer): boolean {
  const entry = verified.get(client.id);
  if (!entry) return false;
  if (entry.expiresAt < Date.now() || entry.secretHash !== client.secretHash) {
    verified.delete(client.id);
    return false;
  }
  return timingSafeEqual(entry.digest, digest);
}

function rememberVerified(client: { id: string; secretHash: string }, digest: Buffer): void {
  verified.delete(client.id);
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.set(client.id, { secretHash: client.secretHash, digest, expiresAt: Date.now() + VERIFIED_TTL_MS });
}

/** Forgets the verified secrets (tests). */
export function forgetVerifiedSecrets(): void {
  verified.clear();
}

function invalid(): AppError {
  return new AppError('UNAUTHENTICATED', 'Invalid client credentials.');
}

/**
 * Checks an API client's id and secret for the token endpoint. Unknown client, wrong secret,
 * revoked client and wrong account all give the same answer, in the same time. Failures are
 * limited per client id and per client address (./token-throttle.ts): beyond the limit → 429
 * LIMIT_EXCEEDED with `details.retry_after_seconds`, before any hash is made. An unknown client
 * id costs no hash (lib/auth/password.ts `verifyAgainstDummy`), and a secret this process has
 * already verified for the unchanged client costs none either — which also lets a till with the
 * right secret through while someone else is flooding its client id.
 */
export async function authenticateApiClient(
  accountId: string,
  clientId: string,
  secret: string,
  context: { address?: string | null } = {},
): Promise<ApiClientActor> {
  const plausible = clientId.length <= MAX_CLIENT_ID_LENGTH && secret.length <= MAX_SECRET_LENGTH;
  const client = plausible ? await getDb().apiClient.findUnique({ where: { clientId } }) : null;
  const digest = digestOf(secret);

  let outcome: Outcome;
  if (client && isVerified(client, digest)) {
    outcome = { allowed: true, valid: true };
  } else {
    const source = { clientId, address: context.address };
    const attempt = async (): Promise<Outcome> => {
      const taken = await beginTokenAttempt(source);
      if (!taken.allowed) return taken;
      const valid = client ? await verifyPassword(secret, client.secretHash) : await verifyAgainstDummy(secret);
      if (valid) {
        if (client) rememberVerified(client, digest);
        await endTokenAttempt(source, 'success');
      }
      return { allowed: true, valid };
    };
    if (client) {
      const key = `${client.id}:${client.secretHash}:${digest.toString('base64')}:${context.address ?? ''}`;
      let shared = inFlight.get(key);
      if (!shared) {
        shared = attempt().finally(() => inFlight.delete(key));
        inFlight.set(key, shared);
      }
      outcome = await shared;
    } else {
      outcome = await attempt();
    }
  }

  if (!outcome.allowed) {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    throw new AppError('LIMIT_EXCEEDED', `Too many failed token requests. Try again in ${minutes} min.`, {
      reason: 'token_requests_locked',
      retry_after_seconds: outcome.retryAfterSeconds,
    });
  }
  if (!client || !outcome.valid || client.revokedAt || client.accountId !== accountId) throw invalid();
  return { kind: 'api_client', apiClientId: client.id, clientId: client.clientId, accountId: client.accountId, scopes: client.scopes, storeId: client.storeId };
}

/**
 * How long this process trusts what it read about an API client behind an access token: the bound
 * on "revoking a client stops its tokens". The process that revokes forgets its entry at once
 * (revoke-api-client.ts); every other instance sharing the database refuses the client's tokens
 * within this many seconds. Without it, every Wallet API request would read `api_clients` first.
 */
export const API_CLIENT_CACHE_SECONDS = 5;
const MAX_CACHED_CLIENTS = 10_000;
const actors = new Map<string, { actor: ApiClientActor | null; until: number }>();

/** Forgets what this process knows about an API client (it was revoked here), or about all (tests). */
export function forgetApiClientActor(apiClientId?: string): void {
  if (apiClientId === undefined) actors.clear();
  else actors.delete(apiClientId);
}

/**
 * The API client behind a verified access token, if it still exists and is not revoked — as the
 * database said at most API_CLIENT_CACHE_SECONDS ago. A revoked or deleted client is remembered as
 * such too (revocation cannot be undone).
 */
export async function loadApiClientActor(apiClientId: string, now = Date.now()): Promise<ApiClientActor | null> {
  const cached = actors.get(apiClientId);
  if (cached && cached.until > now) return cached.actor;
  const client = await getDb().apiClient.findUnique({ where: { id: apiClientId } });
  const actor: ApiClientActor | null =
    !client || client.revokedAt
      ? null
      : { kind: 'api_client', apiClientId: client.id, clientId: client.clientId, accountId: client.accountId, scopes: client.scopes, storeId: client.storeId };
  actors.delete(apiClientId);
  if (actors.size >= MAX_CACHED_CLIENTS) actors.delete(actors.keys().next().value!);
  actors.set(apiClientId, { actor, until: now + API_CLIENT_CACHE_SECONDS * 1000 });
  return actor;
}
