'use client';
import { SelectField } from '@/components/form/field';

/** Which drawdown a refund is for (its label says how much of it is left to refund). */
export function RefundFields({ label, options }: { label: string; options: { value: string; label: string }[] }) {
  return <SelectField id="refund-transaction" name="transaction_id" label={label} options={options} defaultValue={options[options.length - 1]?.value} />;
}
