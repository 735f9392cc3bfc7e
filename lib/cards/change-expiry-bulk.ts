/**
 * The expiry of many cards at once — every card of a print run, or a list of card ids — as a
 * background job (lib/jobs), since a print run may hold a million cards. Each card changes under
 * its row lock with its own audit row (old and new date), in chunks of one statement each; the
 * job's payload keeps a keyset cursor and the counts, so a restarted job resumes where it stopped
 * and a chunk it repeats changes nothing twice (a card already at the new date is skipped).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { getDualControlSettings } from '@/lib/approvals/dual-control-settings';
import { requestOrRun } from '@/lib/approvals/request-or-run';
import type { UserActor } from '@/lib/auth/actor';
import { actorRef } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert';
import { auditActor } from '@/lib/audit/record-audit-event';
import { getDb, type DbTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { Prisma } from '@/lib/generated/prisma/client';
import { withIdempotencyKey } from '@/lib/idempotency/with-idempotency-key';
import { enqueueJob } from '@/lib/jobs/queue';
import { CONTROL_REASONS } from './control-reasons';
import { changeExpirySchema } from './control-schemas';
import { assertFutureExpiry } from './change-card-expiry';
import { cardIdSchema } from './schemas';

export const BULK_EXPIRY_JOB = 'cards.bulk_expiry';
const CHUNK = 500;
export const MAX_LISTED_CARDS = 10_000;

/** The cards a bulk change reaches: one print run, or a list of card ids (whitespace or comma separated in the form). */
export const bulkExpirySchema = changeExpirySchema.extend({
  batch_id: z.uuid('batch_id must be a print run id').optional(),
  card_ids: z
    .union([z.array(cardIdSchema), z.string().transform((s) => s.split(/[\s,;]+/).filter(Boolean))])
    .pipe(z.array(cardIdSchema).max(MAX_LISTED_CARDS, `at most ${MAX_LISTED_CARDS} card ids`))
    .optional(),
});
export type BulkExpiryInput = z.infer<typeof bulkExpirySchema>;

interface BulkPayload {
  accountId: string;
  actor: { type: 'USER' | 'API_CLIENT'; id: string | null };
  via: 'hq';
  batchId: string | null;
  cardIds: string[] | null;
  expiresAt: string;
  reason: (typeof CONTROL_REASONS.expiry)[number];
  note: string;
  requestKey: string;
  total: number;
  done: number;
  changed: number;
  cursor: string | null;
  finished: boolean;
}

function filterSql(p: Pick<BulkPayload, 'accountId' | 'batchId' | 'cardIds'>): Prisma.Sql {
  const scope = p.batchId ? Prisma.sql`batch_id = ${p.batchId}::uuid` : Prisma.sql`card_id = ANY(${p.cardIds ?? []}::text[])`;
  return Prisma.sql`account_id = ${p.accountId} AND ${scope} AND deleted_at IS NULL AND deactivated_at IS NULL`;
}

/** What a bulk change answers: its job (queued), or the four-eyes request it waits on. */
export type BulkExpiryOutcome = { status: 'queued'; job_id: string; total: number } | { status: 'pending'; request_id: string };

/**
 * Queues the change; answers its job id and how many cards it reaches — or, when the account's
 * dual control guards bulk expiry changes (the default), opens a request that a second HQ admin
 * approves (lib/approvals), and the job is queued then, as the requester asked. HQ admins only
 * (cards:expiryBulk). Idempotent on `request_key`: the same key answers the same outcome.
 */
export async function changeExpiryInBulk(actor: UserActor, input: BulkExpiryInput): Promise<BulkExpiryOutcome> {
  assertCan(actor, 'cards:expiryBulk');
  if (Boolean(input.batch_id) === Boolean(input.card_ids?.length)) {
    throw new AppError('UNPROCESSABLE', 'Name either a print run or a list of card ids.', { reason: 'bulk_filter' }, userMessage('bulkFilter'));
  }
  assertFutureExpiry(input.expires_at);
  const result = await withIdempotencyKey(
    { accountId: actor.accountId, actor: actorRef(actor), key: input.request_key, operation: 'hq.cards.expiry.bulk', request: input },
    async () => {
      const cardIds = input.card_ids ? [...new Set(input.card_ids)].sort() : null;
      const outcome = await requestOrRun(actor, {
        kind: 'bulk_expiry',
        subject: input.batch_id ? `batch:${input.batch_id}` : `cards:${createHash('sha256').update(cardIds!.join('\n')).digest('hex').slice(0, 32)}`,
        payload: { ...input, expires_at: input.expires_at.toISOString(), ...(cardIds ? { card_ids: cardIds } : {}) },
        reason: input.note,
        needsApproval: async (tx) => (await getDualControlSettings(actor.accountId, tx)).bulkExpiryNeedsApproval,
        run: (tx) => queueBulkExpiry(tx, actor, input),
      });
      const body: BulkExpiryOutcome =
        outcome.status === 'executed' ? { status: 'queued', ...outcome.result } : { status: 'pending', request_id: outcome.request.id };
      return { status: 202, body };
    },
  );
  return result.body as BulkExpiryOutcome;
}

/** The job itself, in the caller's transaction (also the approved request's executor). */
export async function queueBulkExpiry(tx: DbTx, actor: UserActor, input: BulkExpiryInput): Promise<{ job_id: string; total: number }> {
  if (input.batch_id) {
    const batch = await tx.batch.findFirst({ where: { id: input.batch_id, accountId: actor.accountId }, select: { id: true } });
    if (!batch) throw new AppError('NOT_FOUND', 'Print run not found.', undefined, userMessage('printRunNotFoundDot'));
  }
  const base = { accountId: actor.accountId, batchId: input.batch_id ?? null, cardIds: input.batch_id ? null : [...new Set(input.card_ids)] };
  const counted = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM cards WHERE ${filterSql(base)}`;
  const payload: BulkPayload = {
    ...base,
    actor: auditActor(actor) as BulkPayload['actor'],
    via: 'hq',
    expiresAt: input.expires_at.toISOString(),
    reason: input.reason,
    note: input.note,
    requestKey: input.request_key,
    total: Number(counted[0]!.n),
    done: 0,
    changed: 0,
    cursor: null,
    finished: false,
  };
  const job = await enqueueJob(tx, BULK_EXPIRY_JOB, payload as unknown as Prisma.InputJsonObject);
  return { job_id: job.id, total: payload.total };
}

/** One chunk: lock, change and audit up to CHUNK cards after the cursor, in one statement. */
async function runChunk(tx: DbTx, jobId: string, p: BulkPayload): Promise<{ seen: number; changed: number; last: string | null }> {
  const target = new Date(p.expiresAt);
  const after = p.cursor ? Prisma.sql`AND id > ${p.cursor}::uuid` : Prisma.empty;
  const rows = await tx.$queryRaw<{ seen: bigint; changed: bigint; last: string | null }[]>`
    WITH old AS (
      SELECT id, card_id, expires_at FROM cards WHERE ${filterSql(p)} ${after} ORDER BY id LIMIT ${CHUNK} FOR UPDATE
    ),
    upd AS (
      UPDATE cards c SET expires_at = ${target} FROM old
      WHERE c.id = old.id AND c.expires_at IS DISTINCT FROM ${target}
      RETURNING c.id, old.card_id, old.expires_at AS old_expires_at
    ),
    aud AS (
      INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data)
      SELECT gen_random_uuid(), ${p.accountId}, ${p.actor.type}::"ActorType", ${p.actor.id}, 'card.expiry', 'card', upd.id::text,
        jsonb_build_object('card_id', upd.card_id, 'via', ${p.via}::text, 'bulk_job_id', ${jobId}::text, 'reason', ${p.reason}::text, 'note', ${p.note}::text,
          'request_key', ${p.requestKey}::text,
          'before', jsonb_build_object('expires_at', to_char(upd.old_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
          'after', jsonb_build_object('expires_at', ${p.expiresAt}::text))
      FROM upd RETURNING 1
    )
    SELECT (SELECT count(*) FROM old) AS seen, (SELECT count(*) FROM aud) AS changed,
           (SELECT id::text FROM old ORDER BY id DESC LIMIT 1) AS last`;
  const r = rows[0]!;
  return { seen: Number(r.seen), changed: Number(r.changed), last: r.last };
}

/**
 * The job's run (lib/jobs/worker.ts): chunk after chunk, the progress saved after each. Answers
 * whether the job is complete (false: stopped because `renew` said so; it resumes from the cursor).
 */
export async function runBulkExpiry(jobId: string, renew: () => Promise<boolean> = async () => true): Promise<boolean> {
  const db = getDb();
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const p = job.payload as unknown as BulkPayload;
  while (!p.finished) {
    // The chunk and the progress it makes commit together: a restart never repeats a counted chunk.
    await db.$transaction(async (tx) => {
      const chunk = await runChunk(tx, jobId, p);
      p.done += chunk.seen;
      p.changed += chunk.changed;
      p.cursor = chunk.last ?? p.cursor;
      p.finished = chunk.seen < CHUNK;
      await tx.job.update({ where: { id: jobId }, data: { payload: p as unknown as Prisma.InputJsonObject } });
    });
    if (!p.finished && !(await renew())) return false; // lease lost or shutting down
  }
  return true;
}

/** What the card page shows while a bulk change runs (polled). */
export async function getBulkExpiryProgress(actor: UserActor, jobId: string) {
  assertCan(actor, 'cards:expiryBulk');
  if (!z.uuid().safeParse(jobId).success) throw new AppError('NOT_FOUND', 'No such bulk change.', undefined, userMessage('bulkChangeNotFound'));
  const job = await getDb().job.findFirst({ where: { id: jobId, type: BULK_EXPIRY_JOB } });
  const p = job?.payload as unknown as BulkPayload | undefined;
  if (!job || !p || p.accountId !== actor.accountId) throw new AppError('NOT_FOUND', 'No such bulk change.', undefined, userMessage('bulkChangeNotFound'));
  return {
    job_id: job.id,
    status: job.status,
    total: p.total,
    done: p.done,
    changed: p.changed,
    expires_at: p.expiresAt,
    last_error: job.status === 'FAILED' ? 'failed' : null,
  };
}
