'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { requestReleaseApprovalAction } from '../actions';

export function RequestApprovalForm({ batchId }: { batchId: string }) {
  const t = useTranslations('hqApprovals');
  const [state, action] = useActionState<FormState, FormData>(requestReleaseApprovalAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="batchId" value={batchId} />
      <TextField
        id="reason"
        label={t('reason')}
        hint={t('reasonHint')}
        required
        defaultValue={failed?.values?.reason ?? ''}
        errors={failed?.fieldErrors?.reason}
      />
      <div>
        <SubmitButton>{t('requestApproval')}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
