/**
 * The background worker, started once per server process (instrumentation.ts). It polls the
 * job table, runs one job at a time, and now and then destroys expired print secrets, books off the balances of expired cards, snapshots the liability at month starts and totals each day's movements for the reports, and forgets ended sessions and rate-limit counters past their lifetime. Timers are
 * unref'd so they never keep a process alive on their own.
 */
import { pruneEndedSessions } from '@/lib/auth/ended-sessions';
import { expireCardBalances } from '@/lib/cards/expire-card-balances';
import { logger } from '@/lib/logger';
import { pruneRateLimits } from '@/lib/rate-limit/failure-limiter';
import type { Job } from '@/lib/generated/prisma/client';
import { destroyExpiredSecrets } from '@/lib/print-runs/destroy-expired-secrets';
import { ensureAllDayTotals } from '@/lib/reports/day-totals';
import { ensureAllLiabilitySnapshots } from '@/lib/reports/liability-snapshots';
import { failPrintRun, fillPrintRun } from '@/lib/print-runs/fill-print-run';
import { FILL_JOB } from '@/lib/print-runs/order-print-run';
import { claimJob, failJob, finishJob, renewLease } from './queue';

type Handler = { run: (job: Job, renew: () => Promise<boolean>) => Promise<void>; onGiveUp?: (job: Job, error: unknown) => Promise<void> };

const HANDLERS: Record<string, Handler> = {
  [FILL_JOB]: {
    run: (job, renew) => fillPrintRun((job.payload as { batchId: string }).batchId, renew),
    onGiveUp: (job, error) => failPrintRun((job.payload as { batchId: string }).batchId, error, job.attempts),
  },
};

/** Runs at most one job; returns whether one was found. */
export async function runOneJob(): Promise<boolean> {
  const job = await claimJob();
  if (!job) return false;
  const handler = HANDLERS[job.type];
  try {
    if (!handler) throw new Error(`No handler for job type ${job.type}`);
    await handler.run(job, () => renewLease(job.id));
    await finishJob(job.id);
    logger.info({ jobId: job.id, type: job.type }, 'job done');
  } catch (error) {
    const outcome = await failJob(job, error);
    logger.warn({ jobId: job.id, type: job.type, err: error, outcome }, 'job attempt failed');
    if (outcome === 'failed') await handler?.onGiveUp?.(job, error);
  }
  return true;
}

let started = false;

export function startWorker(options: { pollMs?: number; retentionEveryMs?: number } = {}): void {
  if (started) return;
  started = true;
  const pollMs = options.pollMs ?? 1000;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      while (await runOneJob()) {
        // drain the queue before sleeping again
      }
    } catch (error) {
      logger.error({ err: error }, 'worker tick failed');
    } finally {
      busy = false;
    }
  };
  setInterval(tick, pollMs).unref();
  setInterval(() => {
    destroyExpiredSecrets().catch((error: unknown) => logger.error({ err: error }, 'secret retention failed'));
    pruneEndedSessions().catch((error: unknown) => logger.error({ err: error }, 'pruning ended sessions failed'));
    pruneRateLimits().catch((error: unknown) => logger.error({ err: error }, 'pruning rate-limit counters failed'));
    expireCardBalances()
      .then(() => ensureAllLiabilitySnapshots())
      .then(() => ensureAllDayTotals())
      .catch((error: unknown) => logger.error({ err: error }, 'booking off expired balances, or the reports\' snapshots and day totals, failed'));
  }, options.retentionEveryMs ?? 10 * 60_000).unref();
  void tick();
}
