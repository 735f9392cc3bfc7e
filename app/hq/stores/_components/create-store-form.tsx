'use client';
import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { createStoreAction } from '../actions';

export function CreateStoreForm({ currencies, defaultCurrency }: { currencies: string[]; defaultCurrency: string }) {
  const [state, action] = useActionState<FormState, FormData>(createStoreAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form key={state?.ok ? state.id : 'create-store'} action={action} className="grid gap-4 md:grid-cols-[2fr_1fr_auto] md:items-start" noValidate>
      <TextField id="name" label="Store name" required defaultValue={values?.name ?? ''} errors={errors?.name} />
      <SelectField
        id="currency"
        label="Currency"
        defaultValue={values?.currency ?? defaultCurrency}
        errors={errors?.currency}
        options={currencies.map((c) => ({ value: c, label: c }))}
      />
      <div className="md:pt-6">
        <SubmitButton>Create store</SubmitButton>
      </div>
      <div className="md:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
