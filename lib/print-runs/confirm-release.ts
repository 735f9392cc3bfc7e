/**
 * The one-time release of a print run's card secrets, step 2: the confirmation that destroys them
 * (step 1, the download, is lib/print-runs/release-secrets.ts, which says why there are two).
 *
 * Invariants:
 * - The vault is destroyed only when the SHA-256 the client computed over the bytes it received
 *   equals the one the server computed while streaming its latest complete download. One
 *   transaction marks the batch RELEASED (by the admin whose download it was, at the time of the
 *   confirmation, with that SHA-256), deletes every vault chunk and audits it.
 * - Anything else changes nothing: no complete download yet, a different checksum (a truncated,
 *   altered or older file), a run released or destroyed meanwhile. The secrets stay, and a new
 *   download may be made and confirmed.
 * - Idempotent: confirming a released run with its own checksum again answers the same record.
 * - The same checks as the download: HQ admin, own account, password re-entered (under the same
 *   failure limit); every confirmation and refusal is audited.
 */
import { z } from 'zod';
import { consumePrintReleaseApproval } from '@/lib/approvals/print-release';
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { SECRETS_RELEASED } from '@/lib/webhooks/events';
import { enqueueEvent } from '@/lib/webhooks/outbox';
import { authorizeRelease, batchTarget, describeActorRef, findReleaseBatch, refuser } from './release-access';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The confirmation: the batch, the admin's password and the SHA-256 (hex, either case) of the
 * file received. Malformed values are passed on as given and refused (and audited) by confirmRelease.
 */
export const confirmReleaseSchema = z.object({
  batchId: z.string().max(64).catch(''),
  password: z.string().max(1024).catch(''),
  sha256: z
    .string()
    .max(200)
    .transform((value) => value.trim().toLowerCase())
    .catch(''),
});
export type ConfirmReleaseInput = z.output<typeof confirmReleaseSchema>;

export interface ReleaseRecord {
  batchId: string;
  /** The email of the admin whose download was released. */
  by: string;
  at: Date;
  sha256: string;
  /** True when this confirmation found the run already released with this checksum. */
  isRepeat: boolean;
}

/**
 * Confirms that the client holds the print file of the batch's latest complete download, which
 * destroys the secrets (see top). HQ admin, own account, password re-entered. Refusals are audited
 * and thrown: CONFLICT for a checksum that is not the download's (with a `sha256` field error) or a
 * state that cannot be confirmed, INVALID_INPUT for a value that is no SHA-256.
 */
export async function confirmRelease(actor: UserActor, input: ConfirmReleaseInput): Promise<ReleaseRecord> {
  const refuse = refuser(actor, input.batchId);
  const step = { step: 'confirm' };
  const batch = await authorizeRelease(actor, input.batchId, input.password, refuse, 'confirm');
  const sha256 = input.sha256;
  if (!SHA256_HEX.test(sha256)) {
    const message = 'Enter the SHA-256 of the file: 64 hexadecimal digits.';
    await refuse(
      'secrets.confirm_refused',
      'malformed_checksum',
      new AppError('INVALID_INPUT', message, { fieldErrors: { sha256: [message] } }, userMessage('checksumMalformed')),
      step,
    );
  }
  const db = getDb();

  // Two rounds: the first may lose a race with a download completing (a new record) or another
  // confirmation; the second then sees the settled state.
  for (let round = 0; round < 2; round++) {
    const current = round === 0 ? batch : await findReleaseBatch(actor, batch.id);
    if (current.secretsState === 'RELEASED') {
      if (current.printFileSha256 === sha256) {
        await recordAuditEvent({
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'secrets.release_confirmed_again',
          target: batchTarget(batch.id),
          data: { sha256 },
        });
        return {
          batchId: current.id,
          by: await describeActorRef(current.accountId, current.secretsReleasedBy),
          at: current.secretsReleasedAt ?? new Date(0),
          sha256,
          isRepeat: true,
        };
      }
      await refuse(
        'secrets.confirm_refused',
        'already_released',
        new AppError('CONFLICT', 'This print run was already released with another file.', undefined, userMessage('releasedWithOtherFile')),
      );
    }
    if (current.secretsState === 'DESTROYED') {
      await refuse(
        'secrets.confirm_refused',
        'destroyed',
        new AppError(
          'CONFLICT',
          'The secrets of this print run were destroyed unreleased; there is nothing to confirm.',
          undefined,
          userMessage('destroyedNothingToConfirm'),
        ),
      );
    }
    if (!current.printFileDownloadedAt || !current.printFileSha256) {
      await refuse(
        'secrets.confirm_refused',
        'no_download',
        new AppError('CONFLICT', 'No download of this print file has completed yet; download it first.', undefined, userMessage('noDownloadYet')),
      );
    }
    if (current.printFileSha256 !== sha256) {
      const message =
        'This is not the SHA-256 of the file sent by the latest complete download, so the file may be incomplete or altered. The secrets were kept: download the print file again.';
      await refuse(
        'secrets.confirm_refused',
        'checksum_mismatch',
        new AppError('CONFLICT', message, { fieldErrors: { sha256: [message] } }, userMessage('checksumMismatch')),
      );
    }

    const at = new Date();
    const released = await db.$transaction(async (tx) => {
      // The record confirmed is exactly the one read: a download completing meanwhile replaces it.
      const { count } = await tx.batch.updateMany({
        where: {
          id: current.id,
          accountId: actor.accountId,
          secretsState: 'AWAITING_RELEASE',
          printFileSha256: sha256,
          printFileDownloadedAt: current.printFileDownloadedAt,
          printFileDownloadedBy: current.printFileDownloadedBy,
        },
        data: { secretsState: 'RELEASED', secretsReleasedAt: at, secretsReleasedBy: current.printFileDownloadedBy },
      });
      if (count === 0) return false;
      const { count: chunks } = await tx.secretVaultChunk.deleteMany({ where: { batchId: current.id } });
      await recordAuditEvent(
        {
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'secrets.released',
          target: batchTarget(current.id),
          data: {
            sha256,
            downloaded_by: current.printFileDownloadedBy,
            downloaded_at: current.printFileDownloadedAt!.toISOString(),
            vault_chunks_deleted: chunks,
          },
        },
        tx,
      );
      await consumePrintReleaseApproval(tx, actor.accountId, current.id, { type: 'USER', id: actor.userId });
      await enqueueEvent(tx, actor.accountId, SECRETS_RELEASED, {
        print_run: { id: current.id, quantity: current.quantity, secrets_state: 'released', released_at: at.toISOString(), sha256 },
      });
      return true;
    });
    if (released) return { batchId: current.id, by: await describeActorRef(current.accountId, current.printFileDownloadedBy), at, sha256, isRepeat: false };
  }
  return refuse(
    'secrets.confirm_refused',
    'changed',
    new AppError('CONFLICT', 'The print run changed while confirming; reload the page and try again.', undefined, userMessage('printRunChanged')),
  );
}
