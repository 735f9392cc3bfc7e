'use client';
import { TextField } from '@/components/form/field';
import { Button } from '@/components/ui/button';
import type { FieldErrors } from '@/lib/edge/result';
import { PREFIX_MAX_LENGTH } from '@/lib/secrets/format';
import { CheckboxField } from './checkbox-field';
import type { FormatFields } from './order-form-values';

const CLASSES = [
  ['numbers', 'Numbers', '0–9'],
  ['characters', 'Letters', 'A–Z without I and O'],
  ['symbols', 'Symbols', '# $ % * + - = ? @'],
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
          label="Length"
          inputMode="numeric"
          hint={`Generated characters, ${minLength}–64 (the prefix is extra).`}
          value={value.length}
          onChange={(e) => onChange({ ...value, length: e.target.value })}
          errors={errorsOf('length')}
        />
        <TextField
          id={name('prefix')}
          label="Prefix (optional)"
          autoComplete="off"
          spellCheck={false}
          maxLength={PREFIX_MAX_LENGTH}
          hint="Printed before every value, e.g. GC-."
          value={value.prefix}
          onChange={(e) => onChange({ ...value, prefix: e.target.value })}
          errors={errorsOf('prefix')}
        />
      </div>
      <fieldset aria-describedby={classErrorId}>
        <legend className="mb-2 text-sm font-medium text-slate-800">Characters</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {CLASSES.map(([field, label, hint]) => (
            <CheckboxField
              key={field}
              id={name(field)}
              label={label}
              hint={hint}
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
        label="Code 128 barcode"
        hint={
          kind === 'token'
            ? 'The print file then carries the token’s barcode payload, and the ZIP a Code 128 image per card.'
            : 'PIN barcodes are returned by the Wallet API only; the print file always has the PIN as text.'
        }
        checked={value.barcode}
        onChange={(e) => onChange({ ...value, barcode: e.target.checked })}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2">
        <div>
          <p className="text-xs text-slate-600" id={`${sampleId}-label`}>
            Example only — made up here, not a real {kind === 'pin' ? 'PIN' : 'token'}
          </p>
          <output id={sampleId} aria-labelledby={`${sampleId}-label`} aria-live="polite" className="font-mono text-sm break-all text-slate-900">
            {sample ?? '—'}
          </output>
        </div>
        <Button size="sm" variant="secondary" onClick={onResample} aria-controls={sampleId} disabled={sample === null}>
          Another example
        </Button>
      </div>
    </fieldset>
  );
}
