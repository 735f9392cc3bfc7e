'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { chooseStoreAction } from '../actions';

/** HQ users act for one store at a time in the store area. */
export function StoreChooser({ stores, currentId }: { stores: { id: string; name: string; currency: string }[]; currentId: string | null }) {
  const t = useTranslations('store.chooser');
  const [state, action] = useActionState<FormState, FormData>(chooseStoreAction, null);
  return (
    <form action={action} className="mb-6 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-4 print:hidden">
      <div className="flex flex-col gap-1">
        <label htmlFor="storeId" className="text-sm font-medium">
          {t('label')}
        </label>
        <select id="storeId" name="storeId" defaultValue={currentId ?? ''} className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm">
          <option value="" disabled>
            {t('placeholder')}
          </option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {t('option', { name: s.name, currency: s.currency })}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary">{t('submit')}</SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
