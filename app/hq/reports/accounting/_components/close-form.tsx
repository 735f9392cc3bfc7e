'use client';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { closePeriodAction } from '../actions';

export function CloseForm({ month }: { month: string }) {
  const [state, action] = useActionState<FormState, FormData>(closePeriodAction, null);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="month" value={month} />
      <FormMessage state={state} />
      <SubmitButton>Close {month}</SubmitButton>
    </form>
  );
}
