/**
 * A durable job queue in the database (no in-memory queue a restart would lose). Workers claim
 * a job with FOR UPDATE SKIP LOCKED and hold it with a lease (locked_until) that they renew while
 * working; a job whose worker died is picked up again once its lease runs out.
 */
import { hostname } from 'node:os';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { Job, Prisma } from '@/lib/generated/prisma/client';

export const LEASE_SECONDS = 60;
export const MAX_ATTEMPTS = 5;
export const WORKER_ID = `${hostname()}:${process.pid}`;

export async function enqueueJob(tx: DbTx, type: string, payload: Prisma.InputJsonObject): Promise<Job> {
  return tx.job.create({ data: { type, payload } });
}

/** Claims the next runnable job (queued, or running with an expired lease), or null. */
export async function claimJob(workerId = WORKER_ID): Promise<Job | null> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    UPDATE jobs SET status = 'RUNNING', locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1, updated_at = now()
    WHERE id = (
      SELECT id FROM jobs
      WHERE run_at <= now() AND (status = 'QUEUED' OR (status = 'RUNNING' AND locked_until < now()))
      ORDER BY run_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  const id = rows[0]?.id;
  return id ? getDb().job.findUnique({ where: { id } }) : null;
}

/** Extends the lease; returns false when another worker has taken the job over. */
export async function renewLease(jobId: string, workerId = WORKER_ID): Promise<boolean> {
  const count = await getDb().$executeRaw`
    UPDATE jobs SET locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
    WHERE id = ${jobId}::uuid AND locked_by = ${workerId} AND status = 'RUNNING'`;
  return count === 1;
}

/**
 * Marks the job done — only while this worker still holds it: one whose lease ran out and was
 * taken over belongs to the new holder, which finishes it (or not) itself.
 */
export async function finishJob(jobId: string, workerId = WORKER_ID): Promise<boolean> {
  const { count } = await getDb().job.updateMany({
    where: { id: jobId, lockedBy: workerId, status: 'RUNNING' },
    data: { status: 'DONE', lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}

export async function failJob(job: Job, error: unknown): Promise<'retry' | 'failed'> {
  const message = error instanceof Error ? error.message : String(error);
  const isFinal = job.attempts >= MAX_ATTEMPTS;
  await getDb().job.update({
    where: { id: job.id },
    data: {
      status: isFinal ? 'FAILED' : 'QUEUED',
      lastError: message.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
      runAt: new Date(Date.now() + 2 ** job.attempts * 1000),
    },
  });
  return isFinal ? 'failed' : 'retry';
}

/**
 * Graceful shutdown: hands this worker's leased jobs back (queued again, the attempt not counted),
 * so another worker picks them up at once instead of after the lease. Returns how many.
 */
export async function releaseJobLeases(workerId = WORKER_ID): Promise<number> {
  return getDb().$executeRaw`
    UPDATE jobs SET status = 'QUEUED', locked_by = NULL, locked_until = NULL, attempts = GREATEST(attempts - 1, 0), updated_at = now()
    WHERE locked_by = ${workerId} AND status = 'RUNNING'`;
}
