/**
 * The Node.js flags the app server (`next start`, `next dev`) runs with, in every way this
 * repository starts it: `npm start` / `npm run demo` / `npm run dev` and the e2e tests' server
 * (scripts/lib/run-next.ts), the HTTP tests, the reliability probes and the bench
 * (lib/testing/http-server.ts) — so what is measured is what runs in production.
 *
 * `--max-semi-space-size=64` (MB): a Wallet API request allocates ~100 KB of short-lived objects
 * (Next.js's request/response wrappers, Prisma's and pg's buffers); with V8's default young
 * generation (16 MB semi-spaces on 64-bit) the scavenger ran every few hundred requests and took
 * ~11% of the server's CPU under load (docs/BENCHMARKS.md "Profile"). With 64 MB semi-spaces it
 * runs a quarter as often and most of the garbage is dead by then: on the bench's Wallet API cases
 * Node CPU per request fell by about 15–25% (docs/BENCHMARKS.md, "What is left and why"). The cost
 * is memory: up to ~100 MB more resident per instance at peak. Command-line flags take
 * precedence over NODE_OPTIONS, so a different size is set here, not in the environment.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
