/**
 * For HTTP tests that start servers or workers of their own (`api` project): a seeded database of
 * their own on the same PostgreSQL as the shared test server, so that server's worker never takes
 * their jobs. `db` is also installed as the process-wide client (setDb) for domain calls.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDbClient, setDb } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { createSeededDatabase } from './seeded-database';

export interface OwnDatabase {
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

export async function createOwnDatabase(label: string): Promise<OwnDatabase> {
  const adminUrl = new URL(inject('apiDatabaseUrl'));
  adminUrl.pathname = '/postgres';
  const name = `cardstock_${label}_${randomBytes(4).toString('hex')}`;
  const url = await createSeededDatabase(adminUrl.toString(), name);
  const db = createDbClient(url, { max: 2 });
  setDb(db);
  return {
    url,
    db,
    async drop() {
      setDb(undefined);
      await db.$disconnect();
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
