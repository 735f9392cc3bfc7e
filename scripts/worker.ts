// npm run worker — a standalone background worker (print-run fills, webhooks, and the housekeeping of
// lib/jobs/worker.ts runHousekeeping: secret retention, card expiry, the reports' snapshots), for
// running jobs outside the web server (set CARDSTOCK_WORKER=off on the web servers then).
// Safe to run several: each job is claimed by one worker at a time.
import { releaseJobLeases } from '@/lib/jobs/queue';
import { runHousekeeping, runRound } from '@/lib/jobs/worker';
import { releaseDeliveryLeases } from '@/lib/webhooks/deliver-webhook';
import { logger } from '@/lib/logger';

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));

let lastRetention = 0;
while (!stopping) {
  try {
    if (Date.now() - lastRetention > 10 * 60_000) {
      lastRetention = Date.now();
      await runHousekeeping();
    }
    await runRound(() => stopping);
    if (!stopping) await new Promise((resolve) => setTimeout(resolve, 500));
  } catch (error) {
    logger.error({ err: error }, 'worker loop failed');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
// Graceful: whatever this worker still holds goes back to the queue at once.
await releaseJobLeases();
await releaseDeliveryLeases();
process.exit(0);
