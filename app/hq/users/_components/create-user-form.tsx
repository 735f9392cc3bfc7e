'use client';
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField, TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { createUserAction } from '../actions';

const ROLES = ['CLERK', 'HQ_STAFF', 'HQ_ADMIN'] as const;

export function CreateUserForm({ stores }: { stores: { id: string; name: string }[] }) {
  const t = useTranslations('hqUsers.form');
  const tRoles = useTranslations('shell.roles');
  const [state, action] = useActionState<FormState, FormData>(createUserAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const [role, setRole] = useState(values?.role ?? 'CLERK');
  return (
    <form key={state?.ok ? state.id : 'create-user'} action={action} className="grid gap-4 md:grid-cols-2" noValidate>
      <TextField id="email" label={t('email')} type="email" autoComplete="off" required defaultValue={values?.email ?? ''} errors={errors?.email} />
      <TextField id="name" label={t('name')} autoComplete="off" defaultValue={values?.name ?? ''} errors={errors?.name} />
      <SelectField id="role" label={t('role')} value={role} onChange={(e) => setRole(e.target.value)} errors={errors?.role} options={ROLES.map((r) => ({ value: r, label: tRoles(r) }))} />
      {role === 'CLERK' ? (
        <SelectField
          id="storeId"
          label={t('store')}
          defaultValue={values?.storeId ?? ''}
          errors={errors?.storeId}
          options={[{ value: '', label: t('chooseStore') }, ...stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
      ) : (
        <input type="hidden" name="storeId" value="" />
      )}
      <TextField
        id="password"
        label={t('password')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('passwordHint')}
        errors={errors?.password}
      />
      <div className="flex items-end">
        <SubmitButton>{t('create')}</SubmitButton>
      </div>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
