'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { loginAction } from './actions';

export function LoginForm({ callbackUrl, initialMessage }: { callbackUrl?: string; initialMessage?: string }) {
  const t = useTranslations('login');
  const [state, action] = useActionState(loginAction, null);
  const failed = state && !state.ok ? state : undefined;
  const message = failed?.message ?? initialMessage;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {message ? <Alert tone="error">{message}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <TextField
        id="email"
        label={t('email')}
        type="email"
        autoComplete="username"
        required
        autoFocus
        defaultValue={failed?.values?.email ?? ''}
        key={failed?.values?.email ?? 'email'}
        errors={failed?.fieldErrors?.email}
      />
      <TextField id="password" label={t('password')} type="password" autoComplete="current-password" required errors={failed?.fieldErrors?.password} />
      <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
