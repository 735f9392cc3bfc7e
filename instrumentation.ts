// Runs once when a Next.js server process starts: starts the background worker there (the
// database job queue makes several server processes safe: each job is claimed by one).
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- NEXT_RUNTIME is set by Next.js itself, not configuration
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env');
  if (getEnv().CARDSTOCK_WORKER === 'off') return;
  const { startWorker, stopWorker } = await import('./lib/jobs/worker');
  startWorker();
  // Next.js itself drains in-flight requests on SIGTERM; the worker stops claiming and hands its
  // leases back (best effort: should the process exit first, the leases simply run out).
  process.once('SIGTERM', () => void stopWorker().catch(() => undefined));
}
