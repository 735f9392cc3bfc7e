/**
 * The worker inside a `next start` / `next dev` process (instrumentation.ts): started once, and
 * stopped on SIGTERM — Next.js itself drains in-flight requests; the worker stops claiming and
 * hands its leases back (best effort: should the process exit first, the leases simply run out).
 * Node.js only: kept out of instrumentation.ts, which Next.js also compiles for the Edge runtime.
 */
import { startWorker, stopWorker } from './worker';

export function startServerWorker(): void {
  startWorker();
  process.once('SIGTERM', () => void stopWorker().catch(() => undefined));
}
