/**
 * The worker inside a server process (the production server scripts/next-server.mjs, `next start`
 * or `next dev`; instrumentation.ts): started once, and stopped on SIGTERM. The server answers
 * SIGTERM itself (scripts/next-server.mjs, as next/dist/server/lib/start-server.js does): it
 * stops accepting connections, lets the requests in flight finish, and then calls process.exit.
 * The worker meanwhile stops claiming, lets the job step or delivery in hand finish (bounded by
 * stopWorker's grace period), and hands its leases back so another instance takes over at once.
 * Next.js's exit must wait for that, so until the worker has stopped, process.exit only records
 * the exit code. (NEXT_MANUAL_SIG_HANDLE would switch Next's handler off, and with it the draining
 * of requests, which the app cannot do from here.) Proven with a real SIGTERM in
 * lib/jobs/graceful-shutdown.http.test.ts.
 * Node.js only: kept out of instrumentation.ts, which Next.js also compiles for the Edge runtime.
 */
import { logger } from '@/lib/logger';
import { startWorker, stopWorker } from './worker';

export function startServerWorker(): void {
  startWorker();
  process.once('SIGTERM', () => {
    const stopped = stopWorker().catch((error: unknown) => logger.error({ err: error }, 'stopping the worker failed'));
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
      void stopped.finally(() => exit(code));
    }) as typeof process.exit;
  });
}
