'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { SecretOnce } from '@/components/ui/secret-once';
import { createApiClientAction } from '../actions';

const SCOPES = [
  ['write:wallets:/transactions', 'till'],
  ['read:wallets', 'read'],
  ['write:wallets', 'write'],
  ['admin:wallets', 'admin'],
] as const;

export function CreateApiClientForm({ stores }: { stores: { id: string; name: string }[] }) {
  const t = useTranslations('hqApiClients');
  const [state, action] = useActionState(createApiClientAction, null);
  const scopeOptions = SCOPES.map(([value, key]) => ({ value, label: t(`scopes.${key}`) }));
  const storeOptions = [{ value: '', label: t('form.noStore') }, ...stores.map((store) => ({ value: store.id, label: store.name }))];
  const failed = state && !state.ok ? state : undefined;
  return (
    <div className="flex flex-col gap-4">
      {state?.ok ? (
        <Alert tone="success">
          <p className="font-semibold">{t('form.created', { clientId: state.data.clientId })}</p>
          <SecretOnce value={state.data.secret} label={t('form.secret')} testId="api-client-secret" />
        </Alert>
      ) : null}
      {failed ? <Alert tone="error">{failed.message}</Alert> : null}
      <form action={action} className="grid gap-4 md:grid-cols-3" noValidate>
        <TextField
          id="name"
          label={t('form.name')}
          required
          defaultValue={failed?.values?.name ?? ''}
          errors={failed?.fieldErrors?.name}
          hint={t('form.nameHint')}
        />
        <TextField
          id="clientId"
          label={t('form.clientId')}
          required
          defaultValue={failed?.values?.clientId ?? ''}
          errors={failed?.fieldErrors?.clientId}
          hint={t('form.clientIdHint')}
        />
        <SelectField
          id="scope"
          label={t('form.access')}
          defaultValue={failed?.values?.scope ?? SCOPES[0][0]}
          errors={failed?.fieldErrors?.scope}
          options={scopeOptions}
        />
        <SelectField
          id="storeId"
          label={t('form.store')}
          defaultValue={failed?.values?.storeId ?? ''}
          errors={failed?.fieldErrors?.storeId}
          options={storeOptions}
          hint={t('form.storeHint')}
        />
        <div className="md:col-span-3">
          <SubmitButton>{t('form.create')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
