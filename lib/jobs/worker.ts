/**
 * The background worker, started once per server process (instrumentation.ts). It polls the
 * job table, runs one job at a time, and now and then destroys expired print secrets, books off the balances of expired cards, snapshots the liability at month starts and totals each day's movements for the reports, and forgets ended sessions and rate-limit counters past their lifetime. Timers are
 * unref'd so they never keep a process alive on their own.
 */
import { pruneEndedSessions } from '@/lib/auth/ended-sessions';
import { BULK_EXPIRY_JOB, runBulkExpiry } from '@/lib/cards/change-expiry-bulk';
import { expireCardBalances } from '@/lib/cards/expire-card-balances';
import { logger } from '@/lib/logger';
import { pruneRateLimits } from '@/lib/rate-limit/failure-limiter';
import type { Job } from '@/lib/generated/prisma/client';
import { expireApprovalRequests } from '@/lib/approvals/expire-requests';
import { destroyExpiredSecrets } from '@/lib/print-runs/destroy-expired-secrets';
import { ensureAllDayTotals } from '@/lib/reports/day-totals';
import { ensureAllLiabilitySnapshots } from '@/lib/reports/liability-snapshots';
import { failPrintRun, fillPrintRun } from '@/lib/print-runs/fill-print-run';
import { FILL_JOB } from '@/lib/print-runs/order-print-run';
import { deliverNext, releaseDeliveryLeases } from '@/lib/webhooks/deliver-webhook';
import { dispatchOutbox } from '@/lib/webhooks/dispatch-outbox';
import { claimJob, failJob, finishJob, releaseJobLeases, renewLease } from './queue';

/**
 * `run` gets `renew` to call between steps (false: stop now — the lease is lost or the worker is
 * shutting down) and returns whether the job is complete; an incomplete job stays with its lease
 * until it is handed back (stopWorker) or runs out, and then runs again from where it stopped.
 */
type Handler = { run: (job: Job, renew: () => Promise<boolean>) => Promise<boolean>; onGiveUp?: (job: Job, error: unknown) => Promise<void> };

const HANDLERS: Record<string, Handler> = {
  [FILL_JOB]: {
    run: (job, renew) => fillPrintRun((job.payload as { batchId: string }).batchId, renew),
    onGiveUp: (job, error) => failPrintRun((job.payload as { batchId: string }).batchId, error, job.attempts),
  },
  [BULK_EXPIRY_JOB]: { run: (job, renew) => runBulkExpiry(job.id, renew) },
};

/**
 * The periodic work besides jobs (every 10 minutes, in the in-process worker and in `npm run
 * worker` alike): destroys expired print secrets, expires four-eyes requests nobody decided, forgets ended sessions and old rate-limit
 * counters, books off the balances of expired cards, then writes the reports' month-start
 * snapshots (pruning old card states) and day totals. Each failure is logged; none stops the others.
 */
export async function runHousekeeping(): Promise<void> {
  // One after another: on the embedded database every connection shares one session, where
  // concurrent statements of one process could interleave (and a report's snapshot is no hurry).
  const steps: [string, () => Promise<unknown>][] = [
    ['secret retention', destroyExpiredSecrets],
    ['expiring approval requests', expireApprovalRequests],
    ['pruning ended sessions', pruneEndedSessions],
    ['pruning rate-limit counters', pruneRateLimits],
    ['booking off expired balances', expireCardBalances],
    ["the reports' month-start snapshots", ensureAllLiabilitySnapshots],
    ["the reports' day totals", ensureAllDayTotals],
  ];
  for (const [what, step] of steps) {
    await step().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
  }
}

/** Runs at most one job; returns whether one was found. `shouldStop`: hand the job back at its next step. */
export async function runOneJob(shouldStop: () => boolean = () => false): Promise<boolean> {
  const job = await claimJob();
  if (!job) return false;
  const handler = HANDLERS[job.type];
  try {
    if (!handler) throw new Error(`No handler for job type ${job.type}`);
    const complete = await handler.run(job, async () => !shouldStop() && (await renewLease(job.id)));
    if (complete && (await finishJob(job.id))) logger.info({ jobId: job.id, type: job.type }, 'job done');
    else logger.info({ jobId: job.id, type: job.type }, 'job stopped before the end: it goes on from its last step');
  } catch (error) {
    const outcome = await failJob(job, error);
    logger.warn({ jobId: job.id, type: job.type, err: error, outcome }, 'job attempt failed');
    if (outcome === 'failed') await handler?.onGiveUp?.(job, error);
  }
  return true;
}

/** One round: every due job, then the webhook outbox fanned out and every due delivery sent. */
export async function runRound(shouldStop: () => boolean = () => false): Promise<void> {
  while (!shouldStop() && (await runOneJob(shouldStop))) {
    // drain the queue before sleeping again
  }
  // Webhooks: outbox rows → deliveries, then send what is due (lib/webhooks/).
  while (!shouldStop() && (await dispatchOutbox()) > 0) {
    // fan out everything committed so far
  }
  while (!shouldStop() && (await deliverNext())) {
    // send every due delivery
  }
}

interface WorkerState {
  started: boolean;
  stopping: boolean;
  current: Promise<void> | null;
  lastRoundAt: Date | null;
  timers: NodeJS.Timeout[];
}
/**
 * One worker state per process, on globalThis: Next.js bundles instrumentation.ts (which starts
 * the worker) apart from the route handlers (/readyz reads it), so module-level variables would be
 * two copies — /readyz then saw a worker "not started" that was running.
 */
const state: WorkerState = ((globalThis as { __cardstockWorker?: WorkerState }).__cardstockWorker ??= {
  started: false,
  stopping: false,
  current: null,
  lastRoundAt: null,
  timers: [],
});

/** For /readyz: whether the in-process worker runs and when it last finished a round. */
export function workerStatus(): { running: boolean; stopping: boolean; lastRoundAt: Date | null } {
  return { running: state.started && !state.stopping, stopping: state.stopping, lastRoundAt: state.lastRoundAt };
}

export function startWorker(options: { pollMs?: number; retentionEveryMs?: number } = {}): void {
  if (state.started) return;
  state.started = true;
  state.stopping = false;
  const pollMs = options.pollMs ?? 1000;
  const tick = async () => {
    if (state.current || state.stopping) return;
    state.current = (async () => {
      try {
        await runRound(() => state.stopping);
        state.lastRoundAt = new Date();
      } catch (error) {
        logger.error({ err: error }, 'worker tick failed');
      }
    })();
    await state.current;
    state.current = null;
  };
  const poll = setInterval(tick, pollMs);
  poll.unref();
  const retention = setInterval(() => void runHousekeeping(), options.retentionEveryMs ?? 10 * 60_000);
  retention.unref();
  state.timers.push(poll, retention);
  void tick();
}

/**
 * Graceful shutdown (SIGTERM): claims nothing more, lets the job or delivery in hand finish for
 * up to `graceMs`, then hands every lease this process still holds back to the queue, so another
 * worker takes over at once rather than after the lease runs out.
 */
export async function stopWorker(graceMs = 10_000): Promise<{ jobs: number; deliveries: number }> {
  state.stopping = true;
  for (const timer of state.timers.splice(0)) clearInterval(timer);
  if (state.current) await Promise.race([state.current, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  const released = { jobs: await releaseJobLeases(), deliveries: await releaseDeliveryLeases() };
  state.started = false;
  logger.info(released, 'worker stopped; leases handed back');
  return released;
}
