/**
 * A fresh, migrated database per test file, on the backend the vitest project names:
 * `embedded` (an in-memory PGlite over the wire protocol) or `postgres` (a new database on the
 * real server from the postgres project's global setup). The process-wide Prisma client points
 * at it, so domain functions run against it unchanged.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDbClient, setDb } from '@/lib/db/client';
import { openEphemeralEmbedded } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export interface TestDatabase {
  kind: 'embedded' | 'postgres';
  url: string;
  db: PrismaClient;
  close(): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'embedded' | 'postgres';
    postgresAdminUrl: string;
  }
}

/** An empty database (no migrations applied). */
export async function createEmptyDatabase(): Promise<{ kind: 'embedded' | 'postgres'; url: string; drop(): Promise<void> }> {
  const kind = inject('dbKind');
  if (kind === 'embedded') {
    const embedded = await openEphemeralEmbedded();
    return { kind, url: embedded.url, drop: () => embedded.close() };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `cardstock_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  await migrate(empty.url);
  // As the app runs on each: prepared statements on a PostgreSQL server, not on the embedded one.
  const db = createDbClient(empty.url, { max: empty.kind === 'embedded' ? 1 : 20, preparedStatements: empty.kind === 'postgres' });
  setDb(db);
  return {
    kind: empty.kind,
    url: empty.url,
    db,
    async close() {
      setDb(undefined);
      await db.$disconnect();
      await empty.drop();
    },
  };
}
