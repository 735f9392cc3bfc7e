'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/form/field';
import { Button } from '@/components/ui/button';
import type { FormState } from '@/lib/edge/result';
import { confirmReleaseAction } from '../actions';

/**
 * Confirms a download by hand (a browser without Web Crypto, or a confirmation that did not get
 * through): the SHA-256 of the file received, computed on the admin's computer, and the password.
 * Works without JavaScript. The page never shows the expected value: it must come from the file.
 */
export function ConfirmForm({ batchId }: { batchId: string }) {
  const t = useTranslations('hqPrintRuns.release.confirm');
  const [state, action, isPending] = useActionState<FormState, FormData>(confirmReleaseAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading" className="text-sm font-semibold text-slate-900">
        {t('heading')}
      </h3>
      <input type="hidden" name="batchId" value={batchId} />
      <TextField
        id="sha256"
        label={t('sha')}
        autoComplete="off"
        spellCheck={false}
        required
        defaultValue={state && !state.ok ? state.values?.sha256 : undefined}
        errors={fieldErrors?.sha256}
        hint={t('shaHint')}
      />
      <TextField
        id="confirm-password"
        name="password"
        label={t('password')}
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors?.password}
      />
      <div>
        <Button type="submit" disabled={isPending}>
          {t('submit')}
        </Button>
      </div>
      {state && !state.ok && !fieldErrors?.sha256 && !fieldErrors?.password ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
