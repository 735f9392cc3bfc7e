'use client';
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField, TextField } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';
import { findPreset, PRINT_RUN_PRESETS, type PrintRunPreset } from '@/lib/print-runs/presets';
import type en from '@/messages/en.json';

type PresetId = keyof (typeof en)['hqPrintRuns']['orderForm']['presetNames'];
import { MAX_PRINT_RUN } from '@/lib/print-runs/schemas';
import { sampleSecret } from '@/lib/secrets/sample';
import { orderPrintRunAction, suggestStartSequenceAction } from '../actions';
import { CardIdFieldset } from './card-id-fieldset';
import { formatFields, formatOf, valuesFromSubmission, type FormatFields, type OrderFormValues } from './order-form-values';
import { SecretFormatFieldset } from './secret-format-fieldset';

const TYPES = ['gift_card', 'credit_note'] as const;

type Samples = { pin: string | null; token: string | null };

/**
 * The print-run order. Fields are controlled (presets fill the formats, previews follow every
 * keystroke), so the form is submitted from onSubmit inside a transition: React then does not
 * reset the form after a failed attempt, and the values stay as typed.
 */
export function OrderPrintRunForm({
  initial,
  initialSamples,
  suggestion,
}: {
  initial: OrderFormValues;
  initialSamples: Samples;
  suggestion: { prefix: string; start: number };
}) {
  const t = useTranslations('hqPrintRuns.orderForm');
  const [state, dispatch] = useActionState<FormState, FormData>(orderPrintRunAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  // Without JavaScript the page comes back from the server with the submitted values.
  const [values, setValues] = useState<OrderFormValues>(() => (failed?.values ? valuesFromSubmission(failed.values, initial) : initial));
  const [samples, setSamples] = useState<Samples>(initialSamples);
  const [suggested, setSuggested] = useState<{ prefix: string; start: number } | null>(suggestion);
  const [isStartEdited, setIsStartEdited] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const latestPrefix = useRef(suggestion.prefix);

  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = <K extends keyof OrderFormValues>(key: K, value: OrderFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  function setFormat(kind: 'pin' | 'token', next: FormatFields) {
    set(kind, next);
    setSamples((s) => ({ ...s, [kind]: sampleSecret(formatOf(next)) }));
  }

  function applyPreset(preset: PrintRunPreset) {
    setValues((v) => ({ ...v, pin: formatFields(preset.pinFormat), token: formatFields(preset.tokenFormat) }));
    setSamples({ pin: sampleSecret(preset.pinFormat), token: sampleSecret(preset.tokenFormat) });
  }

  async function refreshSuggestion(prefix: string) {
    latestPrefix.current = prefix;
    if (suggested?.prefix === prefix) return;
    // Only a hint: when it cannot be had, the server still refuses ids that collide on submit.
    const result = await suggestStartSequenceAction({ prefix }).catch(() => null);
    if (latestPrefix.current !== prefix) return;
    const start = result?.ok ? result.data : null;
    setSuggested(start === null ? null : { prefix, start });
    if (start !== null && !isStartEdited) set('startSequence', String(start));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  const activePreset = findPreset(formatOf(values.pin), formatOf(values.token));

  return (
    <form ref={formRef} action={dispatch} onSubmit={submit} noValidate className="flex flex-col gap-6">
      <section aria-labelledby="presets-heading" className="flex flex-col gap-2">
        <h2 id="presets-heading" className="text-base font-semibold text-slate-900">
          {t('presets')}
        </h2>
        <p className="text-sm text-slate-600">{t('presetsHint')}</p>
        <div className="grid gap-2 md:grid-cols-3">
          {PRINT_RUN_PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              aria-pressed={activePreset?.id === preset.id}
              aria-describedby={`preset-${preset.id}-description`}
              onClick={() => applyPreset(preset)}
              className="flex min-h-11 flex-col items-start gap-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-left hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-50"
            >
              <span className="text-sm font-semibold text-slate-900">{t(`presetNames.${preset.id as PresetId}.label`)}</span>
              <span id={`preset-${preset.id}-description`} className="text-xs text-slate-600">
                {t(`presetNames.${preset.id as PresetId}.description`)}
              </span>
            </button>
          ))}
        </div>
      </section>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 p-4 md:grid-cols-2">
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('cards')}</legend>
        <TextField
          id="quantity"
          label={t('quantity')}
          inputMode="numeric"
          required
          hint={t('quantityHint', { max: MAX_PRINT_RUN })}
          value={values.quantity}
          onChange={(e) => set('quantity', e.target.value)}
          errors={errors?.quantity}
        />
        <SelectField
          id="type"
          label={t('cardType')}
          options={TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
          value={values.type}
          onChange={(e) => set('type', e.target.value)}
          errors={errors?.type}
        />
      </fieldset>

      <CardIdFieldset
        values={values}
        errors={errors}
        suggested={suggested}
        onChange={set}
        onStartEdited={() => setIsStartEdited(true)}
        onPrefixBlur={(prefix) => void refreshSuggestion(prefix)}
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <SecretFormatFieldset
          kind="token"
          legend={t('tokenLegend')}
          minLength={8}
          value={values.token}
          onChange={(next) => setFormat('token', next)}
          errors={errors}
          sample={samples.token}
          onResample={() => setSamples((s) => ({ ...s, token: sampleSecret(formatOf(values.token)) }))}
        />
        <SecretFormatFieldset
          kind="pin"
          legend={t('pinLegend')}
          minLength={4}
          value={values.pin}
          onChange={(next) => setFormat('pin', next)}
          errors={errors}
          sample={samples.pin}
          onResample={() => setSamples((s) => ({ ...s, pin: sampleSecret(formatOf(values.pin)) }))}
        />
      </div>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 p-4 md:grid-cols-2">
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('order')}</legend>
        <TextField
          id="manufacturer"
          label={t('manufacturer')}
          autoComplete="organization"
          maxLength={255}
          value={values.manufacturer}
          onChange={(e) => set('manufacturer', e.target.value)}
          errors={errors?.manufacturer}
        />
        <TextField
          id="purchaseOrder"
          label={t('purchaseOrder')}
          autoComplete="off"
          maxLength={255}
          value={values.purchaseOrder}
          onChange={(e) => set('purchaseOrder', e.target.value)}
          errors={errors?.purchaseOrder}
        />
        <div className="flex flex-col gap-1 md:col-span-2">
          <label htmlFor="note" className="text-sm font-medium text-slate-800">
            {t('note')}
          </label>
          <textarea
            id="note"
            name="note"
            rows={3}
            maxLength={2000}
            aria-invalid={Boolean(errors?.note)}
            aria-describedby={errors?.note ? 'note-error' : undefined}
            value={values.note}
            onChange={(e) => set('note', e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-500"
          />
          {errors?.note ? (
            <p id="note-error" className="text-sm text-red-700">
              {errors.note.join(' ')}
            </p>
          ) : null}
        </div>
      </fieldset>

      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('ordering')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
