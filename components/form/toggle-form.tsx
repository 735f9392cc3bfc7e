'use client';
import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/edge/result';
import { SubmitButton } from './submit-button';

/** A one-button form (enable / disable) that posts hidden fields to a server action. */
export function ToggleForm({
  action,
  fields,
  label,
  danger,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  danger?: boolean;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant={danger ? 'danger' : 'secondary'}>
        {label}
      </SubmitButton>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}
