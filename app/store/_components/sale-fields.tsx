'use client';
import { FieldShell } from '@/components/form/field';
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

/** The optional details of a sale: customer, name on the card, expiry, the till's receipt number. */
export function SaleFields({ options, onChange, errors }: { options: SaleOptions; onChange: (next: SaleOptions) => void; errors?: FieldErrors }) {
  const set = <K extends keyof SaleOptions>(key: K, value: SaleOptions[K]) => onChange({ ...options, [key]: value });
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="sr-only">Optional details</legend>
      <FieldShell id="receiptNumber" label="Sales receipt no. (optional)" errors={errors?.receiptNumber}>
        {(describedBy, invalid) => <input id="receiptNumber" className={INPUT} autoComplete="off" value={options.receiptNumber} onChange={(e) => set('receiptNumber', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </FieldShell>
      <FieldShell id="customerId" label="Customer id (optional)" errors={errors?.customerId}>
        {(describedBy, invalid) => <input id="customerId" className={INPUT} autoComplete="off" value={options.customerId} onChange={(e) => set('customerId', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </FieldShell>
      <FieldShell id="name" label="Name on the card (optional)" errors={errors?.name}>
        {(describedBy, invalid) => <input id="name" className={INPUT} autoComplete="off" value={options.name} onChange={(e) => set('name', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </FieldShell>
      <FieldShell id="expiry" label="Valid through" errors={errors?.expiry}>
        {(describedBy, invalid) => (
          <div className="flex flex-wrap items-center gap-3">
            <input
              id="expiry"
              type="date"
              className={`${INPUT} w-auto`}
              value={options.expiry}
              disabled={options.neverExpires}
              onChange={(e) => set('expiry', e.target.value)}
              aria-describedby={describedBy} aria-invalid={invalid}
            />
            <label className="flex min-h-12 items-center gap-2 text-sm">
              <input type="checkbox" className="size-5" checked={options.neverExpires} onChange={(e) => set('neverExpires', e.target.checked)} />
              Never expires
            </label>
          </div>
        )}
      </FieldShell>
    </fieldset>
  );
}
