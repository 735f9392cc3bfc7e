'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { DualControlSettings } from '@/lib/approvals/dual-control-settings';
import type { FormState } from '@/lib/edge/result';
import { formatAmountInput } from '@/lib/money/format';
import { updateDualControlAction } from '../actions';

export function DualControlForm({ settings, currency }: { settings: DualControlSettings; currency: string }) {
  const t = useTranslations('hqApprovals');
  const [state, action] = useActionState<FormState, FormData>(updateDualControlAction, null);
  const failed = state && !state.ok ? state : undefined;
  const threshold = settings.amountThresholds[currency as keyof typeof settings.amountThresholds];
  const initial: Record<string, string> = {
    printReleaseMaxCards: String(settings.printReleaseMaxCards),
    amountThreshold: threshold === undefined ? '' : formatAmountInput(threshold, currency),
  };
  const value = (name: string) => failed?.values?.[name] ?? initial[name] ?? '';
  return (
    <form key={state?.ok ? state.id : 'dual-control'} action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="currency" value={currency} />
      <p className="text-sm text-slate-600">{t('settings.explain')}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id="printReleaseMaxCards"
          label={t('settings.printRelease')}
          hint={t('settings.printReleaseHint')}
          inputMode="numeric"
          defaultValue={value('printReleaseMaxCards')}
          errors={failed?.fieldErrors?.printReleaseMaxCards}
        />
        <TextField
          id="amountThreshold"
          label={t('settings.amount', { currency })}
          hint={t('settings.amountHint')}
          inputMode="decimal"
          defaultValue={value('amountThreshold')}
          errors={failed?.fieldErrors?.amountThreshold}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="bulkExpiryNeedsApproval"
          defaultChecked={failed ? failed.values?.bulkExpiryNeedsApproval === 'on' : settings.bulkExpiryNeedsApproval}
        />
        {t('settings.bulkExpiry')}
      </label>
      <TextField id="reason" label={t('settings.reason')} hint={t('settings.reasonHint')} defaultValue={value('reason')} errors={failed?.fieldErrors?.reason} />
      <div>
        <SubmitButton>{t('settings.save')}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
