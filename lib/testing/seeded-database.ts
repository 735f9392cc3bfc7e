/**
 * A new database on a PostgreSQL server, migrated and seeded with the demo data: what the HTTP
 * tests (lib/testing/http-global-setup.ts), `npm run reliability` and `npm run bench` serve.
 */
import pg from 'pg';
import { createDbClient } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { seedDemo } from '@/prisma/seed-demo';

/** Creates database `name` (letters, digits and _ only) via `adminUrl`; returns its URL. */
export async function createSeededDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = createDbClient(url.toString(), { max: 2 });
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
  return url.toString();
}
