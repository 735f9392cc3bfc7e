'use client';
/**
 * The card page's control forms (issue 12). Each carries a reason from its list, a note and a
 * request_key made when the form is shown (a fresh one after each success), so a double submit is
 * one request to the domain. Where money moves, the first button only asks for a confirmation.
 */
import { useTranslations } from 'next-intl';
import { createContext, useActionState, useContext, useEffect, useState, type InputHTMLAttributes } from 'react';
import { SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { SecretOnce } from '@/components/ui/secret-once';
import { Button } from '@/components/ui/button';
import { CONTROL_REASONS, type ControlName } from '@/lib/cards/control-reasons';
import type { FormState } from '@/lib/edge/result';
import type { BulkExpiryOutcome } from '@/lib/cards/change-expiry-bulk';

type Action<T = string> = (state: FormState<T>, formData: FormData) => Promise<FormState<T>>;

function newKey(): string {
  return crypto.randomUUID();
}

/** What was typed before a refused submission (React resets the form after each action): fields start from it. */
const TypedValues = createContext<{ values?: Record<string, string>; errors?: Record<string, string[] | undefined> }>({});

/** A text field of a control form that keeps what was typed when the submission is refused, and shows its errors. */
export function ControlTextField({
  id,
  name,
  label,
  defaultValue,
  ...props
}: { id: string; name: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>) {
  const { values, errors } = useContext(TypedValues);
  return <TextField id={id} name={name} label={label} errors={errors?.[name]} defaultValue={values?.[name] ?? defaultValue} {...props} />;
}

function ReasonAndNote({ control, idPrefix }: { control: ControlName; idPrefix: string }) {
  const t = useTranslations('hqCard');
  const { values, errors } = useContext(TypedValues);
  return (
    <>
      <SelectField
        id={`${idPrefix}-reason`}
        name="reason"
        label={t('fields.reason')}
        errors={errors?.reason}
        defaultValue={values?.reason}
        options={CONTROL_REASONS[control].map((r) => ({ value: r, label: t(`reasons.${control}.${r}` as Parameters<typeof t>[0]) }))}
      />
      <ControlTextField id={`${idPrefix}-note`} name="note" label={t('fields.note')} maxLength={500} autoComplete="off" required />
    </>
  );
}

/** The form body: fields, then either the submit button or (money moves) a confirm step. */
function ControlBody<T>({
  control,
  formAction,
  state,
  fields,
  hidden,
  submitLabel,
  confirm,
  name = control,
}: {
  control: ControlName;
  /** The form's own name (field ids, its label, its test id) when a page has two forms of one control. */
  name?: ControlName | 'bulk';
  formAction: (formData: FormData) => void;
  state: FormState<T>;
  fields?: React.ReactNode;
  hidden: Record<string, string>;
  submitLabel: string;
  confirm: boolean;
}) {
  const t = useTranslations('hqCard');
  const [requestKey] = useState(newKey);
  // Confirming the answer it was asked on: a new (failed) answer shows the first button again.
  const [confirmedOn, setConfirmedOn] = useState<{ state: FormState<T> } | null>(null);
  const confirming = confirmedOn !== null && confirmedOn.state === state;
  const setConfirming = (on: boolean) => setConfirmedOn(on ? { state } : null);
  const typed = state && !state.ok ? { values: state.values, errors: state.fieldErrors } : {};
  return (
    <TypedValues.Provider value={typed}>
      <form action={formAction} className="grid max-w-md gap-3" aria-label={t(`titles.${name}`)} data-testid={`control-${name}`}>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="request_key" value={requestKey} />
        {fields}
        <ReasonAndNote control={control} idPrefix={name} />
        {confirm && !confirming ? (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {submitLabel}
          </Button>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            {confirm ? <p className="w-full text-sm font-medium text-slate-800">{t('confirmPrompt')}</p> : null}
            <SubmitButton variant={control === 'deactivate' ? 'danger' : 'primary'} pendingLabel={t('working')}>
              {confirm ? t('confirm') : submitLabel}
            </SubmitButton>
            {confirm ? (
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </Button>
            ) : null}
          </div>
        )}
        {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      </form>
    </TypedValues.Provider>
  );
}

/** A control form with its result; the body is shown afresh (a new request key) after each success. */
export function ControlForm({
  control,
  action,
  hidden,
  submitLabel,
  confirm = false,
  children,
}: {
  control: ControlName;
  action: Action;
  hidden: Record<string, string>;
  submitLabel: string;
  confirm?: boolean;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <div className="grid gap-2">
      <ControlBody
        key={state && state.ok ? state.id : 'form'}
        control={control}
        formAction={formAction}
        state={state}
        fields={children}
        hidden={hidden}
        submitLabel={submitLabel}
        confirm={confirm}
      />
      {state && state.ok ? <Alert tone="success">{state.data}</Alert> : null}
    </div>
  );
}

/** Amount typed in major units, with add / take off for an adjustment. */
export function AmountField({ id, withDirection, currency, defaultValue }: { id: string; withDirection?: boolean; currency: string; defaultValue?: string }) {
  const t = useTranslations('hqCard');
  const { values } = useContext(TypedValues);
  return (
    <>
      {withDirection ? (
        <SelectField
          id={`${id}-direction`}
          name="direction"
          defaultValue={values?.direction}
          label={t('fields.direction')}
          options={[
            { value: 'credit', label: t('fields.credit') },
            { value: 'debit', label: t('fields.debit') },
          ]}
        />
      ) : null}
      <ControlTextField
        id={`${id}-amount`}
        name="amount"
        label={t('fields.amount', { currency })}
        inputMode="decimal"
        autoComplete="off"
        required
        defaultValue={defaultValue}
      />
    </>
  );
}

/** HQ's new PIN: shown once, in this answer only. */
export function RotatePinForm({ action, cardId }: { action: Action<{ pin: string | null }>; cardId: string }) {
  const t = useTranslations('hqCard');
  const [state, formAction] = useActionState<FormState<{ pin: string | null }>, FormData>(action, null);
  return (
    <div className="grid gap-2">
      <ControlBody
        key={state && state.ok ? state.id : 'form'}
        control="rotate_pin"
        formAction={formAction}
        state={state}
        hidden={{ cardId }}
        submitLabel={t('submit.rotate_pin')}
        confirm
      />
      {state && state.ok ? (
        <Alert tone="success">{state.data.pin ? <SecretOnce value={state.data.pin} label={t('newPin')} testId="new-pin" /> : t('pinShownOnce')}</Alert>
      ) : null}
    </div>
  );
}

interface BulkProgress {
  status: string;
  total: number;
  done: number;
  changed: number;
}

/** The bulk expiry form, then the job's progress, polled until it is done. */
export function BulkExpiryForm({ action, batchId }: { action: Action<BulkExpiryOutcome>; batchId: string | null }) {
  const t = useTranslations('hqCard');
  const [state, formAction] = useActionState<FormState<BulkExpiryOutcome>, FormData>(action, null);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const jobId = state && state.ok && state.data.status === 'queued' ? state.data.job_id : null;
  const isPending = Boolean(state && state.ok && state.data.status === 'pending');
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const poll = async () => {
      const res = await fetch(`/hq/expiry-jobs/${jobId}`, { cache: 'no-store' });
      if (res.ok && !stop) {
        const p = (await res.json()) as BulkProgress;
        setProgress(p);
        if (p.status === 'DONE' || p.status === 'FAILED') return;
      }
      if (!stop) setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [jobId]);
  return (
    <div className="grid gap-2">
      <ControlBody
        key={jobId ?? 'form'}
        control="expiry"
        name="bulk"
        formAction={formAction}
        state={state}
        hidden={batchId ? { scope: 'batch', batch_id: batchId } : { scope: 'list' }}
        submitLabel={t('submit.bulk')}
        confirm
        fields={
          <>
            {batchId ? null : <ControlTextField id="bulk-card-ids" name="card_ids" label={t('fields.cardIds')} autoComplete="off" />}
            <ControlTextField id="bulk-expires-on" name="expires_on" type="date" label={t('fields.expiresOn')} required />
          </>
        }
      />
      {isPending ? (
        <p role="status" className="text-sm" data-testid="bulk-pending">
          {t('done.pendingApproval')}
        </p>
      ) : null}
      {progress ? (
        <div className="grid gap-1" data-testid="bulk-progress">
          <progress className="w-full" max={Math.max(progress.total, 1)} value={progress.done} />
          <p className="text-sm">{t('bulkProgress', { done: progress.done, total: progress.total, changed: progress.changed, status: progress.status })}</p>
        </div>
      ) : null}
    </div>
  );
}
