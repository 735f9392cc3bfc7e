'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/edge/result';
import { BLOCK_REASONS } from '@/lib/cards/block-reasons';
import { SelectField, TextField } from './field';
import { SubmitButton } from './submit-button';

/** Block a card with a reason and a note; used on the HQ card page and at the counter (the action comes in as a prop). */
export function BlockCardForm({
  action,
  cardId,
  label,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  cardId: string;
  label?: string;
}) {
  const t = useTranslations('blockCardForm');
  const tReasons = useTranslations('hqCard.blockReasons');
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="grid max-w-md gap-3 rounded-md border border-red-200 bg-red-50 p-4" aria-label={t('name')}>
      <input type="hidden" name="cardId" value={cardId} />
      <SelectField id="reason" label={t('reason')} errors={errors?.reason} options={BLOCK_REASONS.map((r) => ({ value: r, label: tReasons(r) }))} />
      <TextField id="note" label={t('note')} errors={errors?.note} maxLength={500} autoComplete="off" />
      <SubmitButton variant="danger" pendingLabel={t('pending')}>
        {label ?? t('submit')}
      </SubmitButton>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      {state && state.ok ? <Alert tone="success">{state.data}</Alert> : null}
    </form>
  );
}
