'use client';
import { useActionState } from 'react';
import { TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { loginAction, type LoginState } from './actions';

export function LoginForm({ callbackUrl, initialMessage }: { callbackUrl?: string; initialMessage?: string }) {
  const [state, action] = useActionState<LoginState, FormData>(loginAction, null);
  const message = state?.message ?? initialMessage;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {message ? <Alert tone="error">{message}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        defaultValue={state?.email ?? ''}
        key={state?.email ?? 'email'}
      />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" required />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
