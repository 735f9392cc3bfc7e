'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { requestPrintReleaseApproval } from '@/lib/approvals/request-print-release';
import { requestPrintReleaseSchema } from '@/lib/approvals/schemas';
import { formAction } from '@/lib/edge/form-action';
import { confirmRelease, confirmReleaseSchema } from '@/lib/print-runs/confirm-release';

/**
 * Step 2 of the secrets release: the page (or the admin, by hand) confirms the SHA-256 of the file
 * received, which destroys the secrets when it matches. Any signed-in user gets to the domain
 * call, so that every refused attempt is audited with who made it; confirmRelease checks the rest.
 * Next.js refuses a server action posted from another origin.
 */
export const confirmReleaseAction = formAction('confirmRelease', 'store:use', confirmReleaseSchema, async (actor, input) => {
  const record = await confirmRelease(actor, input);
  revalidatePath(`/hq/print-runs/${record.batchId}/release`);
  revalidatePath(`/hq/print-runs/${record.batchId}`);
  revalidatePath('/hq/print-runs');
  const t = await getTranslations('hqPrintRuns.release.done');
  return record.isRepeat ? t('repeat') : t('confirmed');
});

/** Four-eyes: asks a second HQ admin to approve the release of a run above the account's threshold. */
export const requestReleaseApprovalAction = formAction('requestReleaseApproval', 'secrets:release', requestPrintReleaseSchema, async (actor, input) => {
  await requestPrintReleaseApproval(actor, input);
  revalidatePath(`/hq/print-runs/${input.batchId}/release`);
  revalidatePath('/hq/approvals');
  return (await getTranslations('hqApprovals'))('requestedMessage');
});
