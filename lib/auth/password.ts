/**
 * Password (and API-client secret) hashing with scrypt, a memory-hard KDF built into Node —
 * no native addon to compile or approve. Parameters are stored with each hash, so they can be
 * raised later without invalidating existing hashes.
 *
 * Hash work is the one thing a stranger can make this server do in bulk (every failed sign-in or
 * token request costs a hash), so:
 * - scrypt runs asynchronously on libuv's thread pool, never blocking the event loop, and at most
 *   MAX_CONCURRENT_HASHES at a time (the rest wait their turn). However many bad credentials
 *   arrive at once, the other cores and pool threads stay free for every other request.
 * - An unknown email or client id costs no hash at all: `verifyAgainstDummy` waits as long as a
 *   real verification takes now (measured), so the answer comes in the same time either way.
 */
import { availableParallelism } from 'node:os';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** One core is left to the event loop (and everything else) on a small server; 2 at most. */
export const MAX_CONCURRENT_HASHES = Math.max(1, Math.min(2, availableParallelism() - 1));

let running = 0;
let completed = 0;
const waiting: Array<() => void> = [];

/** Runs `task` when fewer than MAX_CONCURRENT_HASHES hashes are running (first come, first served). */
async function withHashSlot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else running--;
  }
}

/** Hashes running and waiting now, hashes computed by this process, and the measured time of one (tests, diagnostics). */
export function hashStats(): { running: number; waiting: number; completed: number; typicalMs: number } {
  return { running, waiting: waiting.length, completed, typicalMs: typicalHashMs };
}

/** Smoothed duration of one scrypt computation with the default parameters, in ms (0: not measured yet). */
let typicalHashMs = 0;

const rawScrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions, measure: boolean): Promise<Buffer> {
  return withHashSlot(async () => {
    const started = performance.now();
    const key = await rawScrypt(password, salt, keylen, options).finally(() => completed++);
    if (measure) {
      const ms = performance.now() - started;
      typicalHashMs = typicalHashMs === 0 ? ms : typicalHashMs * 0.7 + ms * 0.3;
    }
    return key;
  });
}

/** N = 2^15, r = 8, p = 1: ~32 MiB and ~50-100 ms per hash on a small server (OWASP minimum is 2^17/8/1 at 128 MiB for scrypt-only use; we trade some for login latency on shop laptops). */
const DEFAULT = { logN: 15, r: 8, p: 1, keylen: 32 };

function options(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

/** Format: `scrypt$<logN>$<r>$<p>$<salt base64>$<key base64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, DEFAULT.keylen, options(DEFAULT.logN, DEFAULT.r, DEFAULT.p), true);
  return ['scrypt', DEFAULT.logN, DEFAULT.r, DEFAULT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scrypt(
    password.normalize('NFKC'),
    Buffer.from(saltB64, 'base64'),
    expected.length,
    options(Number(logN), Number(r), Number(p)),
    Number(logN) === DEFAULT.logN && Number(r) === DEFAULT.r && Number(p) === DEFAULT.p,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let calibration: Promise<unknown> | undefined;

/**
 * How long a verification that starts now would take: the measured hash time, plus the wait for a
 * slot behind the hashes already queued. Until a hash has been measured in this process, one
 * throw-away hash is made (once) to measure it.
 */
async function expectedVerifyMs(): Promise<number> {
  if (typicalHashMs === 0) {
    calibration ??= hashPassword(randomBytes(16).toString('hex'));
    await calibration;
  }
  return typicalHashMs * (1 + waiting.length / MAX_CONCURRENT_HASHES);
}

/**
 * A failed verification for an unknown email or client id, in the time a real one takes now
 * (±10 %, as real hashes vary), without computing a hash: so response time does not reveal
 * whether the account exists, and guessing at unknown names costs the server nothing.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  void password;
  const started = performance.now();
  const target = (await expectedVerifyMs()) * (0.9 + Math.random() * 0.2);
  const left = target - (performance.now() - started);
  if (left > 0) await sleep(left);
  return false;
}
