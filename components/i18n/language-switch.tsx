'use client';
import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';

/** The user's language setting (their profile); the action is passed in (components/ import nothing from app/). */
export function LanguageSwitch({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations('store.language');
  const locale = useLocale();
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2 text-sm">
      <label htmlFor="locale">{t('label')}</label>
      <select id="locale" name="locale" defaultValue={locale} key={locale} className="min-h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <SubmitButton size="sm" variant="secondary">
        {t('save')}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
