import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { getPrintReleaseGate, printReleaseSubject } from './print-release';
import { requestApproval } from './request-approval';
import type { RequestPrintReleaseInput } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An HQ admin asks a second admin to approve the print-file release of a run above the account's
 * threshold. Whoever ordered the run may not approve it (nor may the requester). Refused for a
 * run that needs no approval, has one already, or whose secrets are gone.
 */
export async function requestPrintReleaseApproval(actor: UserActor, input: RequestPrintReleaseInput) {
  assertCan(actor, 'secrets:release');
  const batch = UUID.test(input.batchId) ? await getDb().batch.findFirst({ where: { id: input.batchId, accountId: actor.accountId } }) : null;
  if (!batch) throw new AppError('NOT_FOUND', 'Print run not found', undefined, userMessage('printRunNotFound'));
  if (batch.secretsState !== 'AWAITING_RELEASE' || batch.status === 'FAILED')
    throw new AppError('CONFLICT', 'This print run has no print file left to release.', undefined, userMessage('nothingToRelease'));
  return getDb().$transaction(async (tx) => {
    const gate = await getPrintReleaseGate(actor, batch, tx);
    if (!gate.required) throw new AppError('CONFLICT', 'This print run needs no approval to be released.', undefined, userMessage('releaseNeedsNoApproval'));
    if (gate.request?.status === 'APPROVED' || gate.request?.status === 'EXECUTED')
      throw new AppError('CONFLICT', 'The release of this print run is already approved.', undefined, userMessage('releaseAlreadyApproved'));
    return requestApproval(tx, actor, {
      kind: 'print_release',
      subject: printReleaseSubject(batch.id),
      payload: { batch_id: batch.id, quantity: batch.quantity, threshold: gate.threshold },
      reason: input.reason,
      excludedApprovers: [batch.createdBy],
    });
  });
}
