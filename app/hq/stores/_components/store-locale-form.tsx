'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/edge/result';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { setStoreLocaleAction } from '../actions';

/** The store's receipt language: one of the UI's languages, or the account's default (''). */
export function StoreLocaleForm({ storeId, name, locale, accountDefault }: { storeId: string; name: string; locale: string | null; accountDefault: string }) {
  const t = useTranslations('hqStores');
  const [state, action] = useActionState<FormState, FormData>(setStoreLocaleAction, null);
  const selectId = `locale-${storeId}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="storeId" value={storeId} />
      <label htmlFor={selectId} className="sr-only">
        {t('localeFor', { name })}
      </label>
      <select id={selectId} name="locale" defaultValue={locale ?? ''} className="min-h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
        <option value="">{t('accountDefault', { language: accountDefault })}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <SubmitButton size="sm" variant="secondary">
        {t('save')}
      </SubmitButton>
      {state ? <Alert tone={state.ok ? 'success' : 'error'}>{state.ok ? state.data : state.message}</Alert> : null}
    </form>
  );
}
