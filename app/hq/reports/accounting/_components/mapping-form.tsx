'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { updateAccountMappingAction } from '../actions';

export function MappingForm({ fields }: { fields: { key: string; label: string; value: string }[] }) {
  const t = useTranslations('hqReports.accounting');
  const [state, action] = useActionState<FormState, FormData>(updateAccountMappingAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-3" noValidate>
      <div className="grid gap-3 md:grid-cols-2">
        {fields.map((f) => (
          <TextField key={f.key} id={f.key} label={f.label} defaultValue={values?.[f.key] ?? f.value} errors={errors?.[f.key]} />
        ))}
      </div>
      <FormMessage state={state} />
      <SubmitButton>{t('save')}</SubmitButton>
    </form>
  );
}
