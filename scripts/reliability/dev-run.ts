/**
 * DEVELOPMENT RUNNER ONLY — delete at merge once scripts/reliability.ts (the driver) runs these
 * sections. Builds a ReliabilityEnv the way lib/testing/http-global-setup.ts does (throwaway
 * PostgreSQL cluster, migrated + demo-seeded databases, `next start` of the build in .next) and
 * runs the named sections, printing their probes.
 *
 *   npx next build   # once
 *   npx tsx scripts/reliability/dev-run.ts access-matrix hostile-input
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createDbClient } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { startServer, type TestServer } from '@/lib/testing/http-server';
import { startCluster, type Cluster } from '@/lib/testing/pg-cluster';
import { seedDemo } from '@/prisma/seed-demo';
import type { Probe, ReliabilityEnv, Section } from './types';

const SECTIONS = ['access-matrix', 'hostile-input'];
const load = (name: string) => import(`./${name}.ts`) as Promise<{ section: Section }>;

async function main() {
  const names = process.argv.slice(2);
  if (names.length === 0 || names.some((n) => !/^[\w-]+$/.test(n))) {
    console.error(`usage: tsx scripts/reliability/dev-run.ts <${SECTIONS.join('|')}>...`);
    process.exit(2);
  }
  process.env.LOG_LEVEL ??= 'silent';
  const workDir = path.resolve('.test-reports/reliability');
  mkdirSync(workDir, { recursive: true });
  let cluster: Cluster | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    cluster = await startCluster();
    adminUrl = cluster.url;
  }
  const servers: TestServer[] = [];
  let requests = 0;
  const env: ReliabilityEnv = {
    adminUrl,
    workDir,
    countRequests: (n) => {
      requests += n;
    },
    async newDatabase(label) {
      const name = `rel_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl!);
      url.pathname = `/${name}`;
      await migrate(url.toString());
      const db = createDbClient(url.toString(), { max: 2 });
      try {
        await seedDemo(db);
      } finally {
        await db.$disconnect();
      }
      return url.toString();
    },
    async startServer(databaseUrl, options) {
      const server = await startServer(databaseUrl, { logFile: options?.logFile ?? path.join(workDir, `server-${servers.length}.log`) });
      servers.push(server);
      return server;
    },
  };
  const probes: Probe[] = [];
  try {
    for (const name of names) {
      const started = Date.now();
      const { section } = await load(name);
      const result = await section.run(env);
      probes.push(...result);
      console.log(`\n## ${section.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      for (const p of result) console.log(`${p.held ? 'HELD' : 'FAIL'}  [${p.area}] ${p.name} — tried ${p.tried}\n      ${p.detail.replace(/\n/g, '\n      ')}`);
    }
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    await cluster?.stop().catch(() => {});
  }
  console.log(`\n${probes.filter((p) => p.held).length}/${probes.length} probes held; ${requests} HTTP requests.`);
  process.exit(probes.every((p) => p.held) ? 0 : 1);
}

await main();
