'use client';
import { TextField } from '@/components/form/field';
import type { FieldErrors } from '@/lib/edge/result';
import { cardIdRange, fitsPadding } from '@/lib/print-runs/card-id-scheme';
import { MAX_PRINT_RUN } from '@/lib/print-runs/schemas';
import { CheckboxField } from './checkbox-field';
import type { OrderFormValues } from './order-form-values';

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

/** First and last card id of the run as ordered, or why there is none yet. */
function idPreview(values: OrderFormValues): { first: string; last: string } | { problem: string } {
  const quantity = wholeNumber(values.quantity);
  const scheme = { prefix: values.idPrefix, start: wholeNumber(values.startSequence), padWidth: wholeNumber(values.padWidth), luhn: values.luhn };
  if (!(quantity >= 1 && quantity <= MAX_PRINT_RUN)) return { problem: 'Enter a quantity to see the ids.' };
  if (!Number.isSafeInteger(scheme.start) || !(scheme.padWidth >= 1 && scheme.padWidth <= 12))
    return { problem: 'Enter a start number and digits to see the ids.' };
  if (!fitsPadding(scheme, quantity)) return { problem: 'The last card number needs more digits.' };
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
  const preview = idPreview(values);
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">Card ids</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          id="idPrefix"
          label="Prefix"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          hint="Letters, digits, - and _."
          value={values.idPrefix}
          onChange={(e) => onChange('idPrefix', e.target.value)}
          onBlur={(e) => onPrefixBlur(e.target.value.trim())}
          errors={errors?.idPrefix}
        />
        <TextField
          id="startSequence"
          label="Start number"
          inputMode="numeric"
          hint={suggested ? `Next free number for “${suggested.prefix}”: ${suggested.start}.` : undefined}
          value={values.startSequence}
          onChange={(e) => {
            onStartEdited();
            onChange('startSequence', e.target.value);
          }}
          errors={errors?.startSequence}
        />
        <TextField
          id="padWidth"
          label="Digits"
          inputMode="numeric"
          hint="The number is zero-padded to this many digits (1–12)."
          value={values.padWidth}
          onChange={(e) => onChange('padWidth', e.target.value)}
          errors={errors?.padWidth}
        />
      </div>
      <CheckboxField
        id="luhn"
        label="Add a Luhn check digit"
        hint="One extra digit at the end, so a mistyped card id is caught at the till."
        checked={values.luhn}
        onChange={(e) => onChange('luhn', e.target.checked)}
      />
      <div aria-live="polite" className="rounded-md bg-slate-50 px-3 py-2 text-sm">
        {'problem' in preview ? (
          <p className="text-slate-600">{preview.problem}</p>
        ) : (
          <dl className="flex flex-wrap gap-x-8 gap-y-1">
            <div className="flex gap-2">
              <dt className="text-slate-600">First id</dt>
              <dd className="font-mono font-semibold" data-testid="first-card-id">
                {preview.first}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">Last id</dt>
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
