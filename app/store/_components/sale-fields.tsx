'use client';
import type { FieldErrors } from '@/lib/edge/result';

export interface SaleOptions {
  customerId: string;
  name: string;
  /** YYYY-MM-DD; ignored when neverExpires. */
  expiry: string;
  neverExpires: boolean;
  receiptNumber: string;
}

const INPUT = 'min-h-12 w-full rounded-md border border-slate-300 bg-white px-3 text-base aria-[invalid=true]:border-red-500';

function Field({ id, label, error, children }: { id: string; label: string; error?: string[]; children: (props: { 'aria-describedby'?: string; 'aria-invalid': boolean }) => React.ReactNode }) {
  const errorId = error?.length ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ 'aria-describedby': errorId, 'aria-invalid': Boolean(errorId) })}
      {errorId ? (
        <p id={errorId} className="text-sm text-red-700">
          {error?.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** The optional details of a sale: customer, name on the card, expiry, the till's receipt number. */
export function SaleFields({ options, onChange, errors }: { options: SaleOptions; onChange: (next: SaleOptions) => void; errors?: FieldErrors }) {
  const set = <K extends keyof SaleOptions>(key: K, value: SaleOptions[K]) => onChange({ ...options, [key]: value });
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="sr-only">Optional details</legend>
      <Field id="receiptNumber" label="Sales receipt no. (optional)" error={errors?.receiptNumber}>
        {(a) => <input id="receiptNumber" className={INPUT} autoComplete="off" value={options.receiptNumber} onChange={(e) => set('receiptNumber', e.target.value)} {...a} />}
      </Field>
      <Field id="customerId" label="Customer id (optional)" error={errors?.customerId}>
        {(a) => <input id="customerId" className={INPUT} autoComplete="off" value={options.customerId} onChange={(e) => set('customerId', e.target.value)} {...a} />}
      </Field>
      <Field id="name" label="Name on the card (optional)" error={errors?.name}>
        {(a) => <input id="name" className={INPUT} autoComplete="off" value={options.name} onChange={(e) => set('name', e.target.value)} {...a} />}
      </Field>
      <Field id="expiry" label="Valid through" error={errors?.expiry}>
        {(a) => (
          <div className="flex flex-wrap items-center gap-3">
            <input
              id="expiry"
              type="date"
              className={`${INPUT} w-auto`}
              value={options.expiry}
              disabled={options.neverExpires}
              onChange={(e) => set('expiry', e.target.value)}
              {...a}
            />
            <label className="flex min-h-12 items-center gap-2 text-sm">
              <input type="checkbox" className="size-5" checked={options.neverExpires} onChange={(e) => set('neverExpires', e.target.checked)} />
              Never expires
            </label>
          </div>
        )}
      </Field>
    </fieldset>
  );
}
