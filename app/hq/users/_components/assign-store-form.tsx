'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/edge/result';
import { assignClerkStoreAction } from '../actions';

export function AssignStoreForm({
  userId,
  email,
  currentStoreId,
  stores,
}: {
  userId: string;
  email: string;
  currentStoreId: string | null;
  stores: { id: string; name: string }[];
}) {
  const t = useTranslations('hqUsers');
  const [state, action] = useActionState<FormState, FormData>(assignClerkStoreAction, null);
  const selectId = `store-${userId}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={selectId} className="sr-only">
        {t('storeFor', { email })}
      </label>
      <select id={selectId} name="storeId" defaultValue={currentStoreId ?? ''} className="min-h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
        {stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <SubmitButton size="sm" variant="secondary">
        {t('assign')}
      </SubmitButton>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}
