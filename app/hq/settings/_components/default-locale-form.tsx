'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { setDefaultLocaleAction } from '../actions';

/** The account's default UI language. */
export function DefaultLocaleForm({ locale }: { locale: string }) {
  const t = useTranslations('hqSettings');
  const [state, action] = useActionState<FormState, FormData>(setDefaultLocaleAction, null);
  return (
    <form action={action} className="grid max-w-md gap-3" noValidate>
      <SelectField
        id="defaultLocale"
        name="locale"
        label={t('language')}
        hint={t('languageHint')}
        defaultValue={locale}
        errors={state && !state.ok ? state.fieldErrors?.locale : undefined}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
      />
      <div>
        <SubmitButton>{t('languageSave')}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
