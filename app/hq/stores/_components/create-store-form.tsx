'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { SelectField, TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { createStoreAction } from '../actions';

export function CreateStoreForm({ currencies, defaultCurrency, accountDefault }: { currencies: string[]; defaultCurrency: string; accountDefault: string }) {
  const t = useTranslations('hqStores');
  const [state, action] = useActionState<FormState, FormData>(createStoreAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form key={state?.ok ? state.id : 'create-store'} action={action} className="grid gap-4 md:grid-cols-[2fr_1fr_1fr_auto] md:items-start" noValidate>
      <TextField id="name" label={t('form.name')} required defaultValue={values?.name ?? ''} errors={errors?.name} />
      <SelectField
        id="currency"
        label={t('form.currency')}
        defaultValue={values?.currency ?? defaultCurrency}
        errors={errors?.currency}
        options={currencies.map((c) => ({ value: c, label: c }))}
      />
      <SelectField
        id="locale"
        label={t('form.locale')}
        defaultValue={values?.locale ?? ''}
        errors={errors?.locale}
        options={[{ value: '', label: t('accountDefault', { language: accountDefault }) }, ...LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))]}
      />
      <div className="md:pt-6">
        <SubmitButton>{t('form.create')}</SubmitButton>
      </div>
      <div className="md:col-span-4">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
