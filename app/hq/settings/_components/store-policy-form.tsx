'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField, TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { DENOMINATION_FIELDS, type StorePolicy } from '@/lib/accounts/store-policy';
import { formatAmountInput } from '@/lib/money/format';
import { updateStorePolicyAction } from '../actions';

export function StorePolicyForm({ policy, currency, timeZones }: { policy: StorePolicy; currency: string; timeZones: string[] }) {
  const t = useTranslations('hqSettings');
  const [state, action] = useActionState<FormState, FormData>(updateStorePolicyAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const amount = (minor: number | null | undefined) => (minor == null ? '' : formatAmountInput(minor, currency));
  const initial: Record<string, string> = {
    minAmount: amount(policy.minAmount),
    maxAmount: amount(policy.maxAmount),
    expiryDays: policy.expiryDays === null ? '' : String(policy.expiryDays),
    timeZone: policy.timeZone,
    ...Object.fromEntries(DENOMINATION_FIELDS.map((f, i) => [f, amount(policy.denominations[i])])),
  };
  const value = (name: string) => values?.[name] ?? initial[name] ?? '';
  return (
    <form key={state?.ok ? state.id : 'store-policy'} action={action} className="grid gap-6" noValidate>
      <input type="hidden" name="currency" value={currency} />
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-semibold text-slate-800">{t('quick', { currency })}</legend>
        <p className="text-xs text-slate-500">
          {t('quickHint', { currency })}
        </p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {DENOMINATION_FIELDS.map((field, i) => (
            <TextField key={field} id={field} label={t('amount', { n: i + 1 })} inputMode="decimal" defaultValue={value(field)} errors={errors?.[field]} />
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id="minAmount"
          label={t('min', { currency })}
          inputMode="decimal"
          hint={t('minHint')}
          defaultValue={value('minAmount')}
          errors={errors?.minAmount}
        />
        <TextField
          id="maxAmount"
          label={t('max', { currency })}
          inputMode="decimal"
          hint={t('maxHint')}
          defaultValue={value('maxAmount')}
          errors={errors?.maxAmount}
        />
        <TextField
          id="expiryDays"
          label={t('expiry')}
          inputMode="numeric"
          hint={t('expiryHint')}
          defaultValue={value('expiryDays')}
          errors={errors?.expiryDays}
        />
        <SelectField
          id="timeZone"
          label={t('timeZone')}
          hint={t('timeZoneHint')}
          defaultValue={value('timeZone')}
          errors={errors?.timeZone}
          options={timeZones.map((z) => ({ value: z, label: z }))}
        />
      </div>
      <div>
        <SubmitButton>{t('save')}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
