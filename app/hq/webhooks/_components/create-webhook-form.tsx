'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { SecretOnce } from '@/components/ui/secret-once';
import { WEBHOOK_EVENTS } from '@/lib/webhooks/events';
import { createWebhookAction } from '../actions';

export function CreateWebhookForm() {
  const t = useTranslations('hqWebhooks');
  const [state, action] = useActionState(createWebhookAction, null);
  const failed = state && !state.ok ? state : undefined;
  const eventErrors = failed?.fieldErrors?.events;
  return (
    <div className="flex flex-col gap-4">
      {state?.ok ? (
        <Alert tone="success">
          <p className="font-semibold">{t('created', { url: state.data.url })}</p>
          <SecretOnce value={state.data.secret} label={t('secretLabel')} testId="webhook-secret" />
        </Alert>
      ) : null}
      {failed ? <Alert tone="error">{failed.message}</Alert> : null}
      <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
        <TextField id="url" label={t('url')} required defaultValue={failed?.values?.url ?? ''} errors={failed?.fieldErrors?.config} hint={t('urlHint')} />
        <TextField id="secret" label={t('secret')} autoComplete="off" errors={failed?.fieldErrors?.secret} hint={t('secretHint')} />
        <fieldset className="md:col-span-2" aria-describedby={eventErrors ? 'events-error' : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t('events')}</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={`event_${event}`}
                  defaultChecked={failed ? failed.values?.[`event_${event}`] === 'on' : event === 'wallet_transaction'}
                />
                <code className="font-mono">{event}</code>
              </label>
            ))}
          </div>
          {eventErrors ? (
            <p id="events-error" className="mt-1 text-sm text-red-700">
              {eventErrors.join(' ')}
            </p>
          ) : null}
        </fieldset>
        <div className="md:col-span-2">
          <SubmitButton>{t('create')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
