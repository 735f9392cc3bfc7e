/**
 * A real SIGTERM to a real `next start` (issue 14, operations): the request in flight is answered
 * in full, new connections are refused, and the print-run job the worker was filling is handed back
 * (queued again, its attempt not counted) before the process exits — so the next worker continues
 * it at once from the last committed chunk instead of waiting for the lease to run out.
 */
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { orderPrintRun } from '@/lib/print-runs/order-print-run';
import { orderPrintRunSchema } from '@/lib/print-runs/schemas';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { startServer, type TestServer } from '@/lib/testing/http-server';
import { createOwnDatabase, type OwnDatabase } from '@/lib/testing/own-database';
import { runOneJob } from './worker';

const QUANTITY = 40_000; // 8 chunks of 5,000: SIGTERM lands while most are still to come

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('graceful shutdown on SIGTERM', () => {
  let own: OwnDatabase;
  let db: PrismaClient;
  let server: TestServer | undefined;
  let admin: UserActor;
  let databaseUrl: string;
  let nextSequence = 1;

  /** A server of its own and a print run its worker is filling (at least one chunk committed). */
  async function serverFillingARun() {
    const started = await startServer(databaseUrl, { logFile: path.resolve('.test-reports/next-server-shutdown.log'), env: { LOG_LEVEL: 'info' } });
    const input = orderPrintRunSchema.parse({
      quantity: String(QUANTITY),
      type: 'gift_card',
      idPrefix: 'GS',
      startSequence: String(nextSequence),
      padWidth: '8',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    });
    nextSequence += QUANTITY;
    const batch = await orderPrintRun(admin, input);
    const job = await until('the first chunk', async () => {
      const [job, run] = await Promise.all([
        db.job.findFirst({ where: { payload: { equals: { batchId: batch.id } } } }),
        db.batch.findUnique({ where: { id: batch.id } }),
      ]);
      return job?.status === 'RUNNING' && (run?.cardsCreated ?? 0) > 0 && job;
    });
    server = started;
    return { server: started, batch, job };
  }

  /** After the exit: the job is queued again mid-run, and the next worker completes it at once. */
  async function expectHandedBackAndResumable(batchId: string, jobId: string) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    const stopped = await db.batch.findUniqueOrThrow({ where: { id: batchId } });
    expect(job).toMatchObject({ status: 'QUEUED', lockedBy: null, lockedUntil: null, attempts: 0 });
    expect(stopped.status).toBe('RUNNING');
    expect(stopped.cardsCreated).toBeGreaterThan(0);
    expect(stopped.cardsCreated).toBeLessThan(QUANTITY);
    expect(stopped.cardsCreated % 5_000).toBe(0);
    expect(readFileSync(server!.logFile, 'utf8')).toMatch(/worker stopped; leases handed back/);

    // No lease to wait for: the next worker claims the job at once and completes the run.
    expect(await runOneJob()).toBe(true);
    const done = await db.batch.findUniqueOrThrow({ where: { id: batchId } });
    expect(done).toMatchObject({ status: 'READY', cardsCreated: QUANTITY });
    expect(await db.card.count({ where: { batchId } })).toBe(QUANTITY);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: 'DONE' });
  }

  beforeAll(async () => {
    own = await createOwnDatabase('shutdown');
    db = own.db;
    databaseUrl = own.url;
    admin = await seedUser(db, { accountId: (await seedAccount(db)).id, role: 'HQ_ADMIN' });
  }, 120_000);
  afterAll(async () => {
    await server?.kill();
    await own?.drop();
  });

  it('answers the request in flight, refuses new ones, hands the print-run job back, and the next worker finishes it', async () => {
    const { server, batch, job } = await serverFillingARun();

    // A request in flight: headers and half the body sent, the rest only after the SIGTERM.
    const { port } = new URL(server.baseUrl);
    const body = JSON.stringify({ grant_type: 'client_credentials', audience: 'x' });
    let req!: http.ClientRequest;
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/v1/accounts/${admin.accountId}/auth/token`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(server.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The listener is closed: a new connection is refused while the old request is still open.
    await expect(fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow();
    req.end(body.slice(10));
    const response = await answer;
    // The whole answer of the route (a client error in the API's shape), not a cut connection.
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toHaveProperty('error');

    expect(await server.exited).toBe('code 143');
    await expectHandedBackAndResumable(batch.id, job.id);
  }, 180_000);

  it('with nothing in flight, the exit still waits until the job is handed back', async () => {
    const { server, batch, job } = await serverFillingARun();
    process.kill(server.pid, 'SIGTERM');
    expect(await server.exited).toBe('code 143');
    await expectHandedBackAndResumable(batch.id, job.id);
  }, 180_000);
});
