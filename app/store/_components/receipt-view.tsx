import { formatMoney } from '@/lib/money/format';
import { CARD_TYPE_LABELS, type ActivationReceipt } from '@/lib/counter/views';
import { formatDateTime, formatValidThrough } from '@/lib/time/format';

/** The activation receipt; with print CSS it is all that prints, sized for an 80 mm receipt roll. */
export function ReceiptView({ receipt }: { receipt: ActivationReceipt }) {
  const validThrough = receipt.expiresAt ? formatValidThrough(receipt.expiresAt, receipt.timeZone) : 'Never expires';
  const rows: [string, string][] = [
    ['Card', receipt.cardId],
    ['Token', receipt.maskedCode ?? '—'],
    ['Type', CARD_TYPE_LABELS[receipt.type]],
    ['Amount', formatMoney(receipt.amount, receipt.currency)],
    ['Currency', receipt.currency],
    ['Valid through', validThrough],
    ['Time', formatDateTime(receipt.activatedAt, receipt.timeZone)],
    ['Store', receipt.storeName],
    ['Clerk', receipt.clerk],
  ];
  if (receipt.receiptNumber) rows.push(['Sales receipt', receipt.receiptNumber]);
  if (receipt.customerId) rows.push(['Customer', receipt.customerId]);
  if (receipt.name) rows.push(['Name on card', receipt.name]);
  return (
    <section
      aria-labelledby="receipt-title"
      data-testid="receipt"
      className="receipt w-full max-w-sm rounded-lg border border-slate-300 bg-white p-5 font-mono text-sm shadow-sm print:max-w-none print:rounded-none print:border-0 print:p-0 print:text-[10pt] print:text-black print:shadow-none"
    >
      <style>{'@media print { @page { margin: 4mm; } .receipt { width: 72mm; } }'}</style>
      <p className="text-center font-bold">{receipt.storeName}</p>
      <h2 id="receipt-title" className="my-2 text-center text-base font-bold uppercase">
        {CARD_TYPE_LABELS[receipt.type]} activated
      </h2>
      <p className="mb-3 text-center text-2xl font-bold print:text-[16pt]">{formatMoney(receipt.amount, receipt.currency)}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 border-t border-dashed border-slate-400 pt-2">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="text-right [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 border-t border-dashed border-slate-400 pt-2 text-center text-xs">Keep this receipt. The card works in all our stores.</p>
    </section>
  );
}
