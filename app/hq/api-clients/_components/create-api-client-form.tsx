'use client';
import { useActionState } from 'react';
import { SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { createApiClientAction } from '../actions';

const SCOPE_OPTIONS = [
  { value: 'write:wallets:/transactions', label: 'Till: balance checks and payments by card token' },
  { value: 'read:wallets', label: 'Read only: cards, balances, transactions' },
  { value: 'write:wallets', label: 'Integration: create, activate and transact' },
  { value: 'admin:wallets', label: 'Admin: everything in the Wallet API' },
];

export function CreateApiClientForm() {
  const [state, action] = useActionState(createApiClientAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <div className="flex flex-col gap-4">
      {state?.ok ? (
        <Alert tone="success">
          <p className="font-semibold">API client {state.data.clientId} created. Copy its secret now: it is shown only this once.</p>
          <p className="mt-2">
            <span className="sr-only">Client secret: </span>
            <code data-testid="api-client-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-slate-900">
              {state.data.secret}
            </code>
          </p>
        </Alert>
      ) : null}
      {failed ? <Alert tone="error">{failed.message}</Alert> : null}
      <form action={action} className="grid gap-4 md:grid-cols-3" noValidate>
        <TextField id="name" label="Name" required defaultValue={failed?.values?.name ?? ''} errors={failed?.fieldErrors?.name} hint="E.g. Oslo tills" />
        <TextField
          id="clientId"
          label="Client id"
          required
          defaultValue={failed?.values?.clientId ?? ''}
          errors={failed?.fieldErrors?.clientId}
          hint="Used as the HTTP Basic user name"
        />
        <SelectField
          id="scope"
          label="Access"
          defaultValue={failed?.values?.scope ?? SCOPE_OPTIONS[0]!.value}
          errors={failed?.fieldErrors?.scope}
          options={SCOPE_OPTIONS}
        />
        <div className="md:col-span-3">
          <SubmitButton>Create API client</SubmitButton>
        </div>
      </form>
    </div>
  );
}
