'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { closePeriodAction } from '../actions';

export function CloseForm({ month }: { month: string }) {
  const t = useTranslations('hqReports.accounting');
  const [state, action] = useActionState<FormState, FormData>(closePeriodAction, null);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="month" value={month} />
      <FormMessage state={state} />
      <SubmitButton>{t('close', { month })}</SubmitButton>
    </form>
  );
}
