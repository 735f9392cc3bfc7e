/**
 * The one-time release of a print run's card secrets to the manufacturer (HQ admins only), step 1:
 * the download. The secrets are destroyed only by step 2, lib/print-runs/confirm-release.ts.
 *
 * Why two steps: the server cannot know that the client received every byte. A response stream
 * that ended here has only been written to the socket; kernel buffers (hundreds of kilobytes) and
 * proxies may still hold the file when the connection breaks, so "the stream finished" cannot be
 * the moment the secrets are destroyed. The download therefore destroys nothing; the client
 * confirms what it received (its SHA-256), and only a matching confirmation destroys the vault.
 *
 * Invariants:
 * - One download at a time: beginRelease takes a lease (secrets_released_at, while the state is
 *   still AWAITING_RELEASE) that a second attempt cannot take for RELEASE_LEASE_MS; the stream
 *   renews it while it makes progress (LEASE_RENEW_MS), so only a stalled or crashed download
 *   loses it, and a crashed one blocks the next download for at most RELEASE_LEASE_MS (a minute).
 * - A download streamed to its end records itself (print_file_downloaded_at / _by and the SHA-256
 *   of exactly the bytes sent, print_file_sha256) and gives the lease back in one transaction; the
 *   vault stays. A later complete download replaces that record. The bytes are deterministic per
 *   format (the ZIP's timestamps are the run's order time), so a retry yields the same checksum.
 * - A download that breaks before its end (cancelled, read error, lease lost) clears the lease,
 *   records nothing and keeps the secrets for a later attempt.
 * - Every attempt is audited, refusals included; the audit never holds a secret or a password.
 */
import { z } from 'zod';
import { getPrintReleaseGate } from '@/lib/approvals/print-release';
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage, type UserMessage } from '@/lib/i18n/user-message';
import type { Batch } from '@/lib/generated/prisma/client';
import { batchIdRange, printsTokenBarcode } from './batch-spec';
import { PrintFileCancelledError, streamPrintCsv, type PrintCsvOptions } from './print-file';
import { streamPrintZip } from './print-zip';
import { authorizeRelease, batchTarget, describeActorRef, findReleaseBatch, refuser, UUID } from './release-access';

export { MAX_PASSWORD_FAILURES } from './release-access';

/**
 * A download's lease: one not renewed within this long may be taken over by a new attempt. It is
 * also how long a download whose server crashed blocks the next one, so it is short: a minute.
 */
export const RELEASE_LEASE_MS = 60_000;
/**
 * The stream renews the lease before reading a vault chunk (1,000 cards, about 85 KB of CSV) once
 * this long has passed since the last renewal. A download thus keeps its lease as long as the
 * client takes a chunk at least every RELEASE_LEASE_MS - LEASE_RENEW_MS (45 s): a client slower
 * than that (under 2 KB/s) is a stalled one, and a 100,000-card file is about 100 such reads.
 */
export const LEASE_RENEW_MS = 15_000;
/**
 * The release form: the admin's password, re-entered (a missing or malformed one is a wrong one,
 * refused and audited), and the file format: the CSV, or a ZIP of the CSV, a barcode PNG per card
 * and a PDF proof sheet (the form's checkbox sends `format=zip`).
 */
export const releaseSecretsSchema = z.object({
  password: z.string().max(1024).catch(''),
  format: z.enum(['csv', 'zip']).catch('csv'),
});

export type PrintFileFormat = 'csv' | 'zip';

export type ReleaseOutcome =
  /** Streamed to its end and recorded, awaiting confirmation; the secrets are still there. */
  { status: 'downloaded'; sha256: string; rows: number } | { status: 'aborted'; reason: 'cancelled' | 'failed'; isLeaseCleared: boolean };

export interface PrintFileRelease {
  batchId: string;
  /** `print-run-<first>-<last>.csv|zip` (or the batch id when the run has no id range), filename-safe. */
  fileName: string;
  format: PrintFileFormat;
  /** The Content-Type of the file. */
  contentType: string;
  stream: ReadableStream<Uint8Array>;
  /** Settles when the download ends; never rejects. */
  finished: Promise<ReleaseOutcome>;
  /** Gives up before anything was read (e.g. the response could not be sent): clears the lease. */
  abort(): Promise<ReleaseOutcome>;
}

/** Why this batch cannot be released now, or null when it can. */
async function stateConflict(batch: Batch): Promise<{ reason: string; message: string; userMessage: UserMessage } | null> {
  const timeZone = async () => (await getDb().account.findUnique({ where: { id: batch.accountId }, select: { timeZone: true } }))?.timeZone ?? 'UTC';
  if (batch.secretsState === 'RELEASED') {
    const by = await describeActorRef(batch.accountId, batch.secretsReleasedBy);
    const at = batch.secretsReleasedAt?.toISOString() ?? 'an unknown time';
    return {
      reason: 'already_released',
      message: `The secrets of this print run were already released by ${by} at ${at}; nobody can download them again.`,
      userMessage: userMessage('secretsAlreadyReleased', { by, at: { dateTime: batch.secretsReleasedAt ?? new Date(0), timeZone: await timeZone() } }),
    };
  }
  if (batch.secretsState === 'DESTROYED') {
    const at = batch.secretsDestroyedAt?.toISOString() ?? 'an unknown time';
    return {
      reason: 'destroyed',
      message: `The secrets of this print run were destroyed unreleased at ${at}.`,
      userMessage: userMessage('secretsDestroyed', { at: { dateTime: batch.secretsDestroyedAt ?? new Date(0), timeZone: await timeZone() } }),
    };
  }
  if (batch.status !== 'READY') {
    return {
      reason: 'not_ready',
      message: `The print file can be downloaded once the print run is ready (it is ${batch.status.toLowerCase()}).`,
      userMessage: userMessage('printFileNotReady', { status: batch.status.toLowerCase() }),
    };
  }
  return null;
}

function printFileName(batch: Batch, format: PrintFileFormat): string {
  const range = batchIdRange(batch.spec);
  const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return range ? `print-run-${safe(range.first)}-${safe(range.last)}.${format}` : `print-run-${batch.id}.${format}`;
}

/** The title of a ZIP's proof sheet. */
function proofTitle(batch: Batch): string {
  const range = batchIdRange(batch.spec);
  const ids = range ? `${range.first} – ${range.last}` : batch.id;
  return `Print run ${ids}${batch.manufacturer ? ` for ${batch.manufacturer}` : ''}`;
}

/**
 * Audits a release attempt refused before it reached beginRelease (a cross-site post, a malformed
 * form), so every attempt by a signed-in user is in the log. Any signed-in user; own account's log.
 */
export async function recordReleaseRefusal(actor: UserActor, batchId: string, reason: string): Promise<void> {
  if (!UUID.test(batchId)) return;
  await recordAuditEvent({
    accountId: actor.accountId,
    actor: auditActor(actor),
    action: 'secrets.release_refused',
    target: batchTarget(batchId),
    data: { reason },
  });
}

/**
 * Starts the one-time download of a print run's secrets: HQ admin, own account, the admin's
 * password re-entered, batch READY and AWAITING_RELEASE, no other download in progress. Refusals
 * are audited and thrown as AppError (a wrong password as FORBIDDEN 'Password incorrect'). The
 * returned stream is the print file (`format`: the CSV, or the ZIP of lib/print-runs/print-zip.ts);
 * reading it to its end records the download (see top) but destroys nothing: confirmRelease does,
 * given the SHA-256 of what the client received.
 */
export async function beginRelease(actor: UserActor, batchId: string, password: string, options: { format?: PrintFileFormat } = {}): Promise<PrintFileRelease> {
  const format: PrintFileFormat = options.format ?? 'csv';
  const db = getDb();
  const refuse = refuser(actor, batchId);
  const batch = await authorizeRelease(actor, batchId, password, refuse, 'download');

  const conflict = await stateConflict(batch);
  if (conflict) await refuse('secrets.release_refused', conflict.reason, new AppError('CONFLICT', conflict.message, undefined, conflict.userMessage));
  // Four-eyes (lib/approvals/print-release.ts): a run above the account's threshold needs another admin's approval, and its approver may not download it.
  const gate = await getPrintReleaseGate(actor, batch);
  if (gate.required && gate.refusal) {
    const code = gate.refusal.reason === 'approval_required' ? 'CONFLICT' : 'FORBIDDEN';
    await refuse('secrets.release_refused', gate.refusal.reason, new AppError(code, gate.refusal.message, undefined, gate.refusal.userMessage));
  }

  let lease = new Date();
  const isLeased = await db.$transaction(async (tx) => {
    const { count } = await tx.batch.updateMany({
      where: {
        id: batch.id,
        accountId: actor.accountId,
        status: 'READY',
        secretsState: 'AWAITING_RELEASE',
        OR: [{ secretsReleasedAt: null }, { secretsReleasedAt: { lt: new Date(lease.getTime() - RELEASE_LEASE_MS) } }],
      },
      data: { secretsReleasedAt: lease },
    });
    if (count === 1) {
      await recordAuditEvent(
        {
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'secrets.release_started',
          target: batchTarget(batch.id),
          data: { quantity: batch.quantity, format, took_over_stale_lease: batch.secretsReleasedAt !== null },
        },
        tx,
      );
    }
    return count === 1;
  });
  if (!isLeased) {
    // Lost a race: either another download holds the lease or one has just completed.
    const lateConflict = await stateConflict(await findReleaseBatch(actor, batchId));
    await refuse(
      'secrets.release_refused',
      lateConflict?.reason ?? 'in_progress',
      new AppError(
        'CONFLICT',
        lateConflict?.message ?? 'A release of this print run is in progress',
        undefined,
        lateConflict?.userMessage ?? userMessage('releaseInProgress'),
      ),
    );
  }

  const holdsLease = () => ({ id: batch.id, secretsState: 'AWAITING_RELEASE' as const, secretsReleasedAt: lease });
  let renewedAt = Date.now();
  const printOptions: PrintCsvOptions = {
    expectedRows: batch.quantity,
    async beforeChunk() {
      if (Date.now() - renewedAt < LEASE_RENEW_MS) return;
      const renewed = new Date();
      const { count } = await db.batch.updateMany({ where: holdsLease(), data: { secretsReleasedAt: renewed } });
      if (count === 0) throw new Error('The release lease was lost; the download stops.');
      lease = renewed;
      renewedAt = Date.now();
    },
    async beforeClose({ sha256, rows }) {
      // Every byte is handed to the response, which is not the client having them: record the
      // download for its confirmation and give the lease back; the vault stays.
      await db.$transaction(async (tx) => {
        const { count } = await tx.batch.updateMany({
          where: holdsLease(),
          data: { secretsReleasedAt: null, printFileDownloadedAt: new Date(), printFileDownloadedBy: actorRef(actor), printFileSha256: sha256 },
        });
        if (count === 0)
          throw new AppError(
            'CONFLICT',
            'The release lease was lost before the download completed; the secrets were kept.',
            undefined,
            userMessage('leaseLost'),
          );
        await recordAuditEvent(
          { accountId: actor.accountId, actor: auditActor(actor), action: 'secrets.downloaded', target: batchTarget(batch.id), data: { rows, sha256, format } },
          tx,
        );
      });
    },
  };
  const withBarcode = { ...printOptions, tokenBarcode: printsTokenBarcode(batch.spec) };
  // The run's order time as the ZIP's timestamps: a retry yields the same bytes, so the same checksum.
  const { stream, done } =
    format === 'zip'
      ? streamPrintZip(batch.id, db, { ...withBarcode, title: proofTitle(batch), mtime: batch.createdAt })
      : streamPrintCsv(batch.id, db, withBarcode);

  const finished: Promise<ReleaseOutcome> = done.then(
    ({ sha256, rows }) => ({ status: 'downloaded', sha256, rows }),
    async (error: unknown) => {
      const reason = error instanceof PrintFileCancelledError ? 'cancelled' : 'failed';
      let isLeaseCleared = false;
      try {
        const { count } = await db.batch.updateMany({ where: holdsLease(), data: { secretsReleasedAt: null } });
        isLeaseCleared = count === 1;
        await recordAuditEvent({
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'secrets.release_aborted',
          target: batchTarget(batch.id),
          data: { reason, format, rows_sent: error instanceof PrintFileCancelledError ? error.rows : null, lease_cleared: isLeaseCleared },
        });
      } catch {
        // The database is unreachable: the lease then simply expires after RELEASE_LEASE_MS.
      }
      return { status: 'aborted', reason, isLeaseCleared };
    },
  );

  return {
    batchId: batch.id,
    fileName: printFileName(batch, format),
    format,
    contentType: format === 'zip' ? 'application/zip' : 'text/csv; charset=utf-8',
    stream,
    finished,
    async abort() {
      if (stream.locked) throw new Error('The print file stream is already being read; cancel it through its reader.');
      await stream.cancel();
      return finished;
    },
  };
}

/** What the release page shows about a print run (no secrets). HQ admin and staff, own account. */
export async function getPrintRunRelease(actor: UserActor, batchId: string, now = new Date()) {
  assertCan(actor, 'hq:view');
  const batch = await findReleaseBatch(actor, batchId);
  const range = batchIdRange(batch.spec);
  let [firstCardId, lastCardId] = [range?.first ?? null, range?.last ?? null];
  if (firstCardId === null && batch.cardsCreated > 0) {
    // API batches carry arbitrary card ids and no scheme: show the lowest and highest.
    const range = await getDb().card.aggregate({ where: { accountId: actor.accountId, batchId: batch.id }, _min: { cardId: true }, _max: { cardId: true } });
    firstCardId = range._min.cardId;
    lastCardId = range._max.cardId;
  }
  const { id, status, quantity, cardsCreated, failureReason, manufacturer, purchaseOrder, createdAt, secretsState, secretsDeadline } = batch;
  const isAwaiting = secretsState === 'AWAITING_RELEASE';
  const leaseAt = isAwaiting ? batch.secretsReleasedAt : null;
  return {
    ...{ id, status, quantity, cardsCreated, failureReason, manufacturer, purchaseOrder, createdAt, firstCardId, lastCardId },
    secretsState,
    /** When unreleased secrets are destroyed automatically. */
    secretsDeadline,
    /** True when the print file can be downloaded now. */
    isReleasable: secretsState === 'AWAITING_RELEASE' && status === 'READY',
    /** Start of a download that holds the lease now, if any. */
    releaseInProgressSince: leaseAt && now.getTime() - leaseAt.getTime() < RELEASE_LEASE_MS ? leaseAt : null,
    /**
     * The latest download that was streamed to its end and awaits confirmation. Its SHA-256 is not
     * shown: the confirmation must come from the file received, not be copied from this page.
     */
    unconfirmedDownload:
      isAwaiting && batch.printFileDownloadedAt
        ? { by: await describeActorRef(batch.accountId, batch.printFileDownloadedBy), at: batch.printFileDownloadedAt }
        : null,
    released:
      secretsState === 'RELEASED'
        ? { by: await describeActorRef(batch.accountId, batch.secretsReleasedBy), at: batch.secretsReleasedAt, sha256: batch.printFileSha256 }
        : null,
    destroyedAt: secretsState === 'DESTROYED' ? batch.secretsDestroyedAt : null,
  };
}
export type PrintRunRelease = Awaited<ReturnType<typeof getPrintRunRelease>>;

/** Audits that `actor` viewed a print run (`page` names which view). HQ admin and staff, own account. */
export async function recordPrintRunView(actor: UserActor, batchId: string, page = 'release'): Promise<void> {
  assertCan(actor, 'hq:view');
  const batch = await findReleaseBatch(actor, batchId);
  await recordAuditEvent({ accountId: actor.accountId, actor: auditActor(actor), action: 'print_run.view', target: batchTarget(batch.id), data: { page } });
}
