'use client';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('store.sale');
  const set = <K extends keyof SaleOptions>(key: K, value: SaleOptions[K]) => onChange({ ...options, [key]: value });
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="sr-only">{t('optional')}</legend>
      <FieldShell id="receiptNumber" label={t('receiptNumber')} errors={errors?.receiptNumber}>
        {(describedBy, invalid) => (
          <input
            id="receiptNumber"
            className={INPUT}
            autoComplete="off"
            value={options.receiptNumber}
            onChange={(e) => set('receiptNumber', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FieldShell>
      <FieldShell id="customerId" label={t('customerId')} errors={errors?.customerId}>
        {(describedBy, invalid) => (
          <input
            id="customerId"
            className={INPUT}
            autoComplete="off"
            value={options.customerId}
            onChange={(e) => set('customerId', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FieldShell>
      <FieldShell id="name" label={t('name')} errors={errors?.name}>
        {(describedBy, invalid) => (
          <input
            id="name"
            className={INPUT}
            autoComplete="off"
            value={options.name}
            onChange={(e) => set('name', e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FieldShell>
      <FieldShell id="expiry" label={t('expiry')} errors={errors?.expiry}>
        {(describedBy, invalid) => (
          <div className="flex flex-wrap items-center gap-3">
            <input
              id="expiry"
              type="date"
              className={`${INPUT} w-auto`}
              value={options.expiry}
              disabled={options.neverExpires}
              onChange={(e) => set('expiry', e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
            <label className="flex min-h-12 items-center gap-2 text-sm">
              <input type="checkbox" className="size-5" checked={options.neverExpires} onChange={(e) => set('neverExpires', e.target.checked)} />
              {t('neverExpires')}
            </label>
          </div>
        )}
      </FieldShell>
    </fieldset>
  );
}
