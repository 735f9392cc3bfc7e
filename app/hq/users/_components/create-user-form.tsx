'use client';
import { useActionState, useState } from 'react';
import { SelectField, TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { createUserAction } from '../actions';

const ROLE_OPTIONS = [
  { value: 'CLERK', label: 'Store clerk' },
  { value: 'HQ_STAFF', label: 'HQ staff' },
  { value: 'HQ_ADMIN', label: 'HQ admin' },
];

export function CreateUserForm({ stores }: { stores: { id: string; name: string }[] }) {
  const [state, action] = useActionState<FormState, FormData>(createUserAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const [role, setRole] = useState(values?.role ?? 'CLERK');
  return (
    <form key={state?.ok ? state.id : 'create-user'} action={action} className="grid gap-4 md:grid-cols-2" noValidate>
      <TextField id="email" label="Email" type="email" autoComplete="off" required defaultValue={values?.email ?? ''} errors={errors?.email} />
      <TextField id="name" label="Name" autoComplete="off" defaultValue={values?.name ?? ''} errors={errors?.name} />
      <SelectField id="role" label="Role" value={role} onChange={(e) => setRole(e.target.value)} errors={errors?.role} options={ROLE_OPTIONS} />
      {role === 'CLERK' ? (
        <SelectField
          id="storeId"
          label="Store"
          defaultValue={values?.storeId ?? ''}
          errors={errors?.storeId}
          options={[{ value: '', label: 'Choose a store…' }, ...stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
      ) : (
        <input type="hidden" name="storeId" value="" />
      )}
      <TextField
        id="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters. Give it to the user in person."
        errors={errors?.password}
      />
      <div className="flex items-end">
        <SubmitButton>Create user</SubmitButton>
      </div>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
