'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { approveRequest } from '@/lib/approvals/approve-request';
import { rejectRequest } from '@/lib/approvals/reject-request';
import { decideApprovalSchema } from '@/lib/approvals/schemas';
import { formAction } from '@/lib/edge/form-action';

function revalidateAfterDecision() {
  revalidatePath('/hq/approvals');
  // What an approval unlocks or changes: a print run's release page, the settings page.
  revalidatePath('/hq/print-runs', 'layout');
  revalidatePath('/hq/settings');
}

export const approveApprovalAction = formAction('approveApproval', 'approvals:decide', decideApprovalSchema, async (actor, input) => {
  await approveRequest(actor, input);
  revalidateAfterDecision();
  return (await getTranslations('hqApprovals'))('approvedMessage');
});

export const rejectApprovalAction = formAction('rejectApproval', 'approvals:decide', decideApprovalSchema, async (actor, input) => {
  await rejectRequest(actor, input);
  revalidateAfterDecision();
  return (await getTranslations('hqApprovals'))('rejectedMessage');
});
