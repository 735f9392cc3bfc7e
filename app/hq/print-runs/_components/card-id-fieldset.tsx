'use client';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/form/field';
import type { FieldErrors } from '@/lib/edge/result';
import { cardIdRange, fitsPadding } from '@/lib/print-runs/card-id-scheme';
import { MAX_PRINT_RUN } from '@/lib/print-runs/schemas';
import { CheckboxField } from './checkbox-field';
import type { OrderFormValues } from './order-form-values';

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

/** First and last card id of the run as ordered, or why there is none yet. */
function idPreview(values: OrderFormValues): { first: string; last: string } | { problem: 'needQuantity' | 'needStart' | 'needDigits' } {
  const quantity = wholeNumber(values.quantity);
  const scheme = { prefix: values.idPrefix, start: wholeNumber(values.startSequence), padWidth: wholeNumber(values.padWidth), luhn: values.luhn };
  if (!(quantity >= 1 && quantity <= MAX_PRINT_RUN)) return { problem: 'needQuantity' };
  if (!Number.isSafeInteger(scheme.start) || !(scheme.padWidth >= 1 && scheme.padWidth <= 12))
    return { problem: 'needStart' };
  if (!fitsPadding(scheme, quantity)) return { problem: 'needDigits' };
  return cardIdRange(scheme, quantity);
}

/** Prefix, start number, digits and Luhn flag of the run's card ids, with the first and last id. */
export function CardIdFieldset({
  values,
  errors,
  suggested,
  onChange,
  onStartEdited,
  onPrefixBlur,
}: {
  values: OrderFormValues;
  errors?: FieldErrors;
  suggested: { prefix: string; start: number } | null;
  onChange: <K extends keyof OrderFormValues>(key: K, value: OrderFormValues[K]) => void;
  onStartEdited: () => void;
  onPrefixBlur: (prefix: string) => void;
}) {
  const t = useTranslations('hqPrintRuns.orderForm.ids');
  const preview = idPreview(values);
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{t('legend')}</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          id="idPrefix"
          label={t('prefix')}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          hint={t('prefixHint')}
          value={values.idPrefix}
          onChange={(e) => onChange('idPrefix', e.target.value)}
          onBlur={(e) => onPrefixBlur(e.target.value.trim())}
          errors={errors?.idPrefix}
        />
        <TextField
          id="startSequence"
          label={t('start')}
          inputMode="numeric"
          hint={suggested ? t('startHint', { prefix: suggested.prefix, start: String(suggested.start) }) : undefined}
          value={values.startSequence}
          onChange={(e) => {
            onStartEdited();
            onChange('startSequence', e.target.value);
          }}
          errors={errors?.startSequence}
        />
        <TextField
          id="padWidth"
          label={t('digits')}
          inputMode="numeric"
          hint={t('digitsHint')}
          value={values.padWidth}
          onChange={(e) => onChange('padWidth', e.target.value)}
          errors={errors?.padWidth}
        />
      </div>
      <CheckboxField
        id="luhn"
        label={t('luhn')}
        hint={t('luhnHint')}
        checked={values.luhn}
        onChange={(e) => onChange('luhn', e.target.checked)}
      />
      <div aria-live="polite" className="rounded-md bg-slate-50 px-3 py-2 text-sm">
        {'problem' in preview ? (
          <p className="text-slate-600">{t(preview.problem)}</p>
        ) : (
          <dl className="flex flex-wrap gap-x-8 gap-y-1">
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('first')}</dt>
              <dd className="font-mono font-semibold" data-testid="first-card-id">
                {preview.first}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('last')}</dt>
              <dd className="font-mono font-semibold" data-testid="last-card-id">
                {preview.last}
              </dd>
            </div>
          </dl>
        )}
      </div>
    </fieldset>
  );
}
