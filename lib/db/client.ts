/**
 * The single Prisma client. It connects to DATABASE_URL when set, otherwise to the embedded
 * database served by the process that owns CARDSTOCK_DATA_DIR (`npm start` / `npm run demo`
 * start it; see lib/db/embedded.ts). Created on first use, so importing this module never
 * opens a connection (Next.js imports route modules at build time).
 */
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { dataDir, getEnv } from '@/lib/env';
import { embeddedUrl, readDescriptor } from './embedded-address';

export type Db = PrismaClient;
/** The client or an interactive transaction's client. */
export type DbTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * How long a transaction may wait for a pooled connection, and run. Prisma's defaults (2 s / 5 s)
 * turn a burst of requests on one hot card — which queue on its row lock and then on the pool —
 * into failures; a burst should queue. A wait beyond this answers BUSY (503, retryable).
 * Calls that need more (large batches) pass their own options.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;

/**
 * Names for prepared statements: the same SQL text gets the same name, so each pooled connection
 * parses and plans a statement once and then only binds and executes it (the till's statements
 * are few and repeat). At most MAX_PREPARED distinct texts are named per process; any beyond
 * (lists with a varying number of ids) run unnamed, so neither side's cache grows without bound.
 */
const MAX_PREPARED = 1000;

export function preparedStatementNames(): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `cs_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      names.set(sql, name);
    }
    // pg runs a query without a name (an empty one) as an unnamed statement.
    return name ?? '';
  };
}

/**
 * `preparedStatements`: name statements (see preparedStatementNames) — for a PostgreSQL server, not
 * the embedded database (one session shared by its socket connections, where two connections
 * naming the same statement would collide), and not through a pooler that cannot keep them
 * (DATABASE_PREPARED_STATEMENTS=false, e.g. PgBouncer in transaction mode before 1.21).
 */
export function createDbClient(url: string, options: { max?: number; preparedStatements?: boolean } = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: url, max: options.max ?? 10 },
    options.preparedStatements ? { statementNameGenerator: preparedStatementNames() } : undefined,
  );
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

/** The URL the app should use, resolved without I/O beyond reading the embedded descriptor. */
export function resolveDatabaseUrl(): string {
  const env = getEnv();
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const descriptor = readDescriptor(dataDir(env));
  if (descriptor) {
    embeddedPool = true;
    return embeddedUrl(descriptor.socketDir);
  }
  throw new Error(
    'No database configured: set DATABASE_URL to a PostgreSQL server, or start the app with ' +
      '`npm start` / `npm run demo`, which serve the embedded database from CARDSTOCK_DATA_DIR.',
  );
}

/** Set when resolveDatabaseUrl found the embedded server: see DATABASE_POOL_MAX. */
let embeddedPool = false;

const globalForDb = globalThis as unknown as { cardstockDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForDb.cardstockDb) {
    const url = resolveDatabaseUrl();
    const env = getEnv();
    globalForDb.cardstockDb = createDbClient(url, {
      max: embeddedPool ? 1 : env.DATABASE_POOL_MAX,
      preparedStatements: !embeddedPool && env.DATABASE_PREPARED_STATEMENTS,
    });
  }
  return globalForDb.cardstockDb;
}

/** Replace the process-wide client (scripts and tests that open their own database). */
export function setDb(client: PrismaClient | undefined): void {
  globalForDb.cardstockDb = client;
}
