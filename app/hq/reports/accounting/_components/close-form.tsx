'use client';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { ActionState } from '@/lib/actions/form-action';
import { closePeriodAction } from '../actions';

export function CloseForm({ month }: { month: string }) {
  const [state, action] = useActionState<ActionState, FormData>(closePeriodAction, null);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="month" value={month} />
      <FormMessage state={state} />
      <SubmitButton>Close {month}</SubmitButton>
    </form>
  );
}
