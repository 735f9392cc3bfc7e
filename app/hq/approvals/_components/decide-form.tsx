'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { approveApprovalAction, rejectApprovalAction } from '../actions';

/** Approve or reject one request, with a reason that both buttons send. */
export function DecideForm({ requestId, canApprove }: { requestId: string; canApprove: boolean }) {
  const t = useTranslations('hqApprovals');
  const [approved, approve] = useActionState<FormState, FormData>(approveApprovalAction, null);
  const [rejected, reject] = useActionState<FormState, FormData>(rejectApprovalAction, null);
  const last = rejected ?? approved;
  const errors = last && !last.ok ? last.fieldErrors?.note : undefined;
  const noteId = `note-${requestId}`;
  return (
    <form className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <TextField id={noteId} name="note" label={t('note')} hint={t('noteHint')} errors={errors} required />
      <div className="flex gap-2">
        {canApprove ? <SubmitButton formAction={approve}>{t('approve')}</SubmitButton> : null}
        <SubmitButton formAction={reject} variant="danger">
          {canApprove ? t('reject') : t('withdraw')}
        </SubmitButton>
      </div>
      <FormMessage state={approved} />
      <FormMessage state={rejected} />
    </form>
  );
}
