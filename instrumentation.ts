// Runs once when a Next.js server process starts: starts the background worker there (the
// database job queue makes several server processes safe: each job is claimed by one), and
// registers the Wallet API's Node.js path for the production server (scripts/next-server.mjs).
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- NEXT_RUNTIME is set by Next.js itself, not configuration
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env');
  const env = getEnv();
  if (env.NODE_ENV === 'production') {
    const { registerNodeApiHandler } = await import('./lib/edge/node-api-registration');
    registerNodeApiHandler();
  }
  if (env.CARDSTOCK_WORKER === 'off') return;
  const { startServerWorker } = await import('./lib/jobs/server-worker');
  startServerWorker();
}
