'use client';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/form/field';
import { Button } from '@/components/ui/button';
import type { FieldErrors } from '@/lib/edge/result';
import { PREFIX_MAX_LENGTH } from '@/lib/secrets/format';
import { CheckboxField } from './checkbox-field';
import type { FormatFields } from './order-form-values';

const CLASSES = [
  ['numbers', 'numbers'],
  ['characters', 'letters'],
  ['symbols', 'symbols'],
] as const;

const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/**
 * Length, prefix, character classes and barcode of a PIN or token format (field names pinLength,
 * tokenPrefix, …), with a made-up sample of a value in that format.
 */
export function SecretFormatFieldset({
  kind,
  legend,
  minLength,
  value,
  onChange,
  errors,
  sample,
  onResample,
}: {
  kind: 'pin' | 'token';
  legend: string;
  minLength: number;
  value: FormatFields;
  onChange: (next: FormatFields) => void;
  errors?: FieldErrors;
  sample: string | null;
  onResample: () => void;
}) {
  const t = useTranslations('hqPrintRuns.orderForm.format');
  const name = (field: string) => `${kind}${cap(field)}`;
  // The format schemas' messages are sentence tails ("must be between 4 and 64").
  const errorsOf = (field: string) => errors?.[name(field)]?.map(cap);
  const classError = errorsOf('numbers') ?? errorsOf('characters') ?? errorsOf('symbols');
  const classErrorId = classError ? `${kind}-classes-error` : undefined;
  const sampleId = `${kind}-sample`;
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={name('length')}
          label={t('length')}
          inputMode="numeric"
          hint={t('lengthHint', { min: minLength })}
          value={value.length}
          onChange={(e) => onChange({ ...value, length: e.target.value })}
          errors={errorsOf('length')}
        />
        <TextField
          id={name('prefix')}
          label={t('prefix')}
          autoComplete="off"
          spellCheck={false}
          maxLength={PREFIX_MAX_LENGTH}
          hint={t('prefixHint')}
          value={value.prefix}
          onChange={(e) => onChange({ ...value, prefix: e.target.value })}
          errors={errorsOf('prefix')}
        />
      </div>
      <fieldset aria-describedby={classErrorId}>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t('characters')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {CLASSES.map(([field, key]) => (
            <CheckboxField
              key={field}
              id={name(field)}
              label={t(key)}
              hint={t(`${key}Hint`)}
              checked={value[field]}
              aria-invalid={Boolean(classError)}
              describedBy={classErrorId}
              onChange={(e) => onChange({ ...value, [field]: e.target.checked })}
            />
          ))}
        </div>
        {classError ? (
          <p id={classErrorId} className="mt-1 text-sm text-red-700">
            {classError.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <CheckboxField
        id={name('barcode')}
        label={t('barcode')}
        hint={
          kind === 'token' ? t('tokenBarcodeHint') : t('pinBarcodeHint')
        }
        checked={value.barcode}
        onChange={(e) => onChange({ ...value, barcode: e.target.checked })}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2">
        <div>
          <p className="text-xs text-slate-600" id={`${sampleId}-label`}>
            {t('example', { kind })}
          </p>
          <output id={sampleId} aria-labelledby={`${sampleId}-label`} aria-live="polite" className="font-mono text-sm break-all text-slate-900">
            {sample ?? '—'}
          </output>
        </div>
        <Button size="sm" variant="secondary" onClick={onResample} aria-controls={sampleId} disabled={sample === null}>
          {t('another')}
        </Button>
      </div>
    </fieldset>
  );
}
