/**
 * vitest global setup of the `api` project: a fresh, migrated PostgreSQL database with the demo
 * data, and the production server (scripts/next-server.mjs on the production build) serving it over real HTTP. Tests get the base
 * URL, the database URL and the server log path through inject() (see lib/testing/http-client.ts).
 *
 * PostgreSQL: TEST_DATABASE_URL when given, otherwise a throwaway cluster from the machine's
 * binaries. Neither → the run fails saying how to provide one; it never skips.
 */
import { createSeededDatabase } from '@/lib/testing/seeded-database';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type {} from './http-client'; // the ProvidedContext keys
import { assertBuilt, startServer, type TestServer } from './http-server';
import { findPostgresBinDir, NO_POSTGRES_MESSAGE, startCluster, type Cluster } from './pg-cluster';

export default async function setup(project: TestProject) {
  assertBuilt();
  let cluster: Cluster | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    if (!findPostgresBinDir()) throw new Error(NO_POSTGRES_MESSAGE);
    cluster = await startCluster();
    adminUrl = cluster.url;
  }

  const name = `cardstock_http_${randomBytes(6).toString('hex')}`;
  let created = false;
  let server: TestServer | undefined;

  async function teardown() {
    try {
      await server?.stop();
      if (created) {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } finally {
      await cluster?.stop();
    }
  }

  try {
    // Dropped by the teardown even when migrating or seeding it fails (DROP … IF EXISTS).
    created = true;
    const databaseUrl = await createSeededDatabase(adminUrl, name);

    server = await startServer(databaseUrl);
    project.provide('apiBaseUrl', server.baseUrl);
    project.provide('apiDatabaseUrl', databaseUrl);
    project.provide('apiServerLog', server.logFile);
  } catch (error) {
    await teardown().catch(() => {});
    throw error;
  }
  return teardown;
}
