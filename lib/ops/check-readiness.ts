/**
 * /readyz: may this process take traffic? The database answers, every migration on disk is
 * applied (a process started against an older schema would fail on its first query), and the
 * in-process worker — when CARDSTOCK_WORKER=on — has finished a round recently and is not
 * shutting down. Each check reports its own result; nothing secret (no URL, no error text
 * from the driver) is in the answer.
 */
import { getDb } from '@/lib/db/client';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';

/** A worker whose last round is older than this is considered stuck. */
export const WORKER_STALE_MS = 5 * 60_000;

/** The migrations on disk (names), read from a statically scoped folder so the bundler does not trace the whole project. */
function localMigrationNames(): string[] {
  const dir = path.join(process.cwd(), 'prisma', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name);
}

type Check = { ok: boolean; detail?: string };

export interface WorkerState {
  running: boolean;
  stopping: boolean;
  lastRoundAt: Date | null;
}

export async function checkReadiness(worker: WorkerState, now = Date.now()) {
  const checks: Record<'database' | 'migrations' | 'worker', Check> = {
    database: { ok: false },
    migrations: { ok: false },
    worker: { ok: false },
  };
  try {
    await getDb().$queryRaw`SELECT 1`;
    checks.database = { ok: true };
    const applied = await getDb().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const names = new Set(applied.map((r) => r.migration_name));
    const pending = localMigrationNames().filter((name) => !names.has(name));
    checks.migrations = pending.length === 0 ? { ok: true } : { ok: false, detail: `${pending.length} migration(s) not applied` };
  } catch (error) {
    logger.warn({ err: error }, 'readiness: database check failed');
    if (!checks.database.ok) checks.database = { ok: false, detail: 'database unreachable' };
    else checks.migrations = { ok: false, detail: 'migration history unreadable' };
  }
  if (getEnv().CARDSTOCK_WORKER === 'off') checks.worker = { ok: true, detail: 'off in this process' };
  else if (worker.stopping) checks.worker = { ok: false, detail: 'shutting down' };
  else if (!worker.running) checks.worker = { ok: false, detail: 'not started' };
  else if (worker.lastRoundAt && now - worker.lastRoundAt.getTime() > WORKER_STALE_MS) checks.worker = { ok: false, detail: 'no round finished in 5 minutes' };
  else checks.worker = { ok: true };
  const ok = Object.values(checks).every((c) => c.ok);
  return { status: ok ? ('ready' as const) : ('not_ready' as const), checks };
}
