/**
 * Failure limits for the token endpoint (`POST /v1/accounts/{aid}/auth/token`), on the same
 * database counters as sign-in (lib/rate-limit/failure-limiter.ts), with the sign-in settings:
 *
 * - Per client id: AUTH_LOGIN_MAX_FAILURES failed token requests in a row lock the client id for
 *   AUTH_LOGIN_LOCK_MINUTES; a successful one clears the count. Unknown client ids are counted
 *   exactly like known ones, so a lock reveals nothing about which ids exist.
 * - Per client address: AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS failures within an hour (any client
 *   ids) lock the address, only when AUTH_TRUSTED_PROXY_HOPS says which X-Forwarded-For entry to
 *   trust (lib/auth/client-address.ts).
 *
 * Attempts are counted before the secret is checked, so a burst sent at once is limited too.
 * Keys are HMACs of the client id / address. Once the database has refused a key, this process
 * refuses it from memory until the lock ends, so a flood against a locked client id costs no
 * database writes (the memory only ever refuses sooner; it never lets an attempt through).
 */
import { createHmac } from 'node:crypto';
import { loginThrottleRules, type LoginThrottleRules } from '@/lib/auth/login-throttle';
import { clearFailures, refund, takeAttempt, type FailureRule } from '@/lib/rate-limit/failure-limiter';
import { getSecretKeys } from '@/lib/secrets/keys';

function ruleSet(rules: LoginThrottleRules): { byClient: FailureRule; byAddress: FailureRule } {
  return {
    byClient: { prefix: 'token-client', maxFailures: rules.maxFailuresPerEmail, windowSeconds: 24 * 3600, lockSeconds: rules.lockSeconds },
    byAddress: { prefix: 'token-addr', maxFailures: rules.maxFailuresPerAddress, windowSeconds: 3600, lockSeconds: rules.lockSeconds },
  };
}

function keyOf(kind: 'client' | 'address', value: string): string {
  return createHmac('sha256', getSecretKeys().loginThrottleKey).update(`token-${kind}:${value}`, 'utf8').digest('base64url');
}

const MAX_REMEMBERED_LOCKS = 10_000;
const lockedUntil = new Map<string, number>();

function rememberedLock(key: string): number {
  const until = lockedUntil.get(key);
  if (until === undefined) return 0;
  const left = until - Date.now();
  if (left > 0) return Math.ceil(left / 1000);
  lockedUntil.delete(key);
  return 0;
}

function rememberLock(key: string, retryAfterSeconds: number): void {
  if (lockedUntil.size >= MAX_REMEMBERED_LOCKS) lockedUntil.delete(lockedUntil.keys().next().value!);
  lockedUntil.set(key, Date.now() + retryAfterSeconds * 1000);
}

/** Counts first in the database; a refusal is remembered in this process until the lock ends. */
async function take(rule: FailureRule, key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const memoKey = `${rule.prefix}:${key}`;
  const remembered = rememberedLock(memoKey);
  if (remembered > 0) return { allowed: false, retryAfterSeconds: remembered };
  const result = await takeAttempt(rule, key);
  if (!result.allowed) rememberLock(memoKey, result.retryAfterSeconds);
  return result;
}

/** Forgets the remembered locks (tests). */
export function forgetRememberedLocks(): void {
  lockedUntil.clear();
}

export interface TokenRequestSource {
  clientId: string;
  /** Client address, when a trusted proxy reports it. */
  address?: string | null;
}

/** Takes one attempt for the client id (and address) before the secret is checked, or refuses it while locked. */
export async function beginTokenAttempt(
  source: TokenRequestSource,
  rules = loginThrottleRules(),
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const { byClient, byAddress } = ruleSet(rules);
  const client = await take(byClient, keyOf('client', source.clientId));
  if (!client.allowed || !source.address) return client;
  const address = await take(byAddress, keyOf('address', source.address));
  if (!address.allowed) await refund(byClient, keyOf('client', source.clientId));
  return address;
}

/** A success (the right secret) clears the client id's failures and gives the address its attempt back; a failure stays counted. */
export async function endTokenAttempt(source: TokenRequestSource, outcome: 'success' | 'failure', rules = loginThrottleRules()): Promise<void> {
  if (outcome === 'failure') return;
  const { byClient, byAddress } = ruleSet(rules);
  lockedUntil.delete(`${byClient.prefix}:${keyOf('client', source.clientId)}`);
  await Promise.all([
    clearFailures(byClient, keyOf('client', source.clientId)),
    source.address ? refund(byAddress, keyOf('address', source.address)) : undefined,
  ]);
}
