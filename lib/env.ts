/**
 * The only reader of process.env. Every setting is validated with zod the first time it is read,
 * so a bad value fails at boot with a message naming the variable, not deep inside a request.
 */
import path from 'node:path';
import { z } from 'zod';

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** A real PostgreSQL server. When absent, the embedded database under CARDSTOCK_DATA_DIR is used. */
  DATABASE_URL: postgresUrl.optional(),
  /**
   * Connections in the app's pool. `npm start` sets 1 for the embedded database: PGlite is one
   * session, and its socket server can interleave protocol messages of concurrent connections.
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Prepared (named) statements on a PostgreSQL server (lib/db/client.ts); `false` behind a pooler that cannot keep them. */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Where the embedded database (and demo-generated keys) live. */
  CARDSTOCK_DATA_DIR: z.string().trim().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Signs and encrypts session cookies. At least 32 characters; generate with `openssl rand -base64 33`. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Sign a user out after this many minutes without a request (shared shop computers). */
  AUTH_IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Absolute session lifetime, however active the user is. */
  AUTH_MAX_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** Failed sign-ins for one email (from anywhere) before it is locked for AUTH_LOGIN_LOCK_MINUTES. */
  AUTH_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Failed sign-ins from one client address (any emails) per hour before it is locked too. */
  AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0: no trusted client address). */
  AUTH_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  AUTH_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Unknown cards (tokens, codes) one API client or user may present per window before its lookups pause. */
  CARDSTOCK_UNKNOWN_CARD_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(100),
  CARDSTOCK_UNKNOWN_CARD_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /**
   * Master key for card secrets (HMAC lookup keys and the AES-256-GCM vault): 32 bytes, base64.
   * Alternatively CARDSTOCK_SECRETS_KEY_FILE points at a file holding it.
   */
  CARDSTOCK_SECRETS_KEY: z.string().trim().optional(),
  CARDSTOCK_SECRETS_KEY_FILE: z.string().trim().optional(),
  CARDSTOCK_SECRETS_KEY_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default('k1'),
  /** Master keys retired by a rotation, `id:base64` separated by commas (or one per line in the file). */
  CARDSTOCK_SECRETS_RETIRED_KEYS: z.string().trim().optional(),
  CARDSTOCK_SECRETS_RETIRED_KEYS_FILE: z.string().trim().optional(),
  /** Unreleased print-file secrets are destroyed this many days after the run was ordered. */
  CARDSTOCK_SECRETS_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Run the background worker (print-run fills, secret retention) inside the server process. */
  CARDSTOCK_WORKER: z.enum(['on', 'off']).default('on'),
  /**
   * Let webhook deliveries reach private, loopback and link-local addresses (on-premise receivers,
   * tests). Off by default: a subscription URL must resolve to public addresses only (SSRF).
   */
  CARDSTOCK_WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Where `npm run db:backup` / `db:restore` find pg_dump and pg_restore (default: PATH, /usr/lib/postgresql/<version>/bin). */
  PG_BIN_DIR: z.string().trim().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset: `DATABASE_URL= npm start` means "no database URL".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid Cardstock configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** Validated settings, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function dataDir(env: Env = getEnv()): string {
  return path.resolve(env.CARDSTOCK_DATA_DIR);
}
