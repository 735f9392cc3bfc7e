/**
 * vitest global setup of the `postgres` project: TEST_DATABASE_URL when given, otherwise a
 * throwaway cluster from the machine's PostgreSQL binaries. Neither → the run fails with a message
 * saying how to provide one; these tests are never silently skipped.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, NO_POSTGRES_MESSAGE, startCluster } from './pg-cluster';

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return;
  }
  if (!findPostgresBinDir()) throw new Error(NO_POSTGRES_MESSAGE);
  const cluster = await startCluster();
  project.provide('postgresAdminUrl', cluster.url);
  return async () => {
    await cluster.stop();
  };
}
