/**
 * The shape every part of `npm run reliability` reports in (scripts/reliability.ts runs the
 * sections and writes docs/RELIABILITY.md from their probes).
 *
 * A probe is one thing that was tried: `tried` counts the attempts (requests, races, kills,
 * generated inputs, searched places), `held` says whether every attempt ended as it must, and
 * `detail` says what was checked in a short sentence (and, when it did not hold, what broke).
 */
import type { StartServerOptions, TestServer } from '@/lib/testing/http-server';

export type Area = 'races' | 'crashes' | 'hostile input' | 'leaks' | 'access' | 'data safety';

export interface Probe {
  area: Area;
  name: string;
  tried: number;
  held: boolean;
  detail: string;
  /** Counted into the report's "failures" total when held is false (e.g. leaked secrets found). */
  failures?: number;
}

export interface ReliabilityEnv {
  /** A superuser URL of the throwaway PostgreSQL cluster of this run. */
  adminUrl: string;
  /** A fresh database on that cluster, migrated and seeded with the demo data; returns its URL. */
  newDatabase(label: string): Promise<string>;
  /** the production server (scripts/next-server.mjs on the production build) on a free port against `databaseUrl`; `kill()` is a crash. */
  startServer(databaseUrl: string, options?: StartServerOptions): Promise<TestServer>;
  /** Adds to the run's total of HTTP requests sent. */
  countRequests(n: number): void;
  /** Folder for this run's logs and scratch files (.test-reports/reliability). */
  workDir: string;
  /** The PostgreSQL server's own log of this run's cluster, when the driver started one. */
  clusterLogFile?: string;
  /** Where that cluster's binaries are (pg_dump, pg_restore). */
  postgresBinDir?: string;
}

export interface Section {
  name: string;
  run(env: ReliabilityEnv): Promise<Probe[]>;
}
