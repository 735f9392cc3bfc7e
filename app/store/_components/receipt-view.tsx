import { useLocale, useTranslations } from 'next-intl';
import { formatMoney } from '@/lib/money/format';
import type { ActivationReceipt } from '@/lib/counter/views';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';
import { formatDateTime, formatValidThrough } from '@/lib/time/format';

const PRINT_CSS = '@media print { @page { margin: 4mm; } .receipt { width: 72mm; } }';

/** The activation receipt; with print CSS it is all that prints, sized for an 80 mm receipt roll. */
export function ReceiptView({ receipt }: { receipt: ActivationReceipt }) {
  const t = useTranslations('store.receipt');
  const tCard = useTranslations('store.card');
  const appLocale = useLocale() as Locale;
  const locale = INTL_LOCALES[appLocale];
  const type = tCard(`types.${receipt.type}`);
  const validThrough = receipt.expiresAt ? formatValidThrough(receipt.expiresAt, receipt.timeZone, locale) : t('neverExpires');
  const rows: [string, string][] = [
    [t('card'), receipt.cardId],
    [t('token'), receipt.maskedCode ?? '—'],
    [t('type'), type],
    [t('amount'), formatMoney(receipt.amount, receipt.currency, locale)],
    [t('currency'), receipt.currency],
    [t('validThrough'), validThrough],
    [t('time'), formatDateTime(receipt.activatedAt, receipt.timeZone, locale)],
    [t('store'), receipt.storeName],
    [t('clerk'), receipt.clerk],
  ];
  if (receipt.receiptNumber) rows.push([t('salesReceipt'), receipt.receiptNumber]);
  if (receipt.customerId) rows.push([t('customer'), receipt.customerId]);
  if (receipt.name) rows.push([t('name'), receipt.name]);
  return (
    <section
      aria-labelledby="receipt-title"
      lang={appLocale}
      data-testid="receipt"
      className="receipt w-full max-w-sm rounded-lg border border-slate-300 bg-white p-5 font-mono text-sm shadow-sm print:max-w-none print:rounded-none print:border-0 print:p-0 print:text-[10pt] print:text-black print:shadow-none"
    >
      <style>{PRINT_CSS}</style>
      <p className="text-center font-bold">{receipt.storeName}</p>
      <h2 id="receipt-title" className="my-2 text-center text-base font-bold uppercase">
        {t('title', { type })}
      </h2>
      <p className="mb-3 text-center text-2xl font-bold print:text-[16pt]">{formatMoney(receipt.amount, receipt.currency, locale)}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 border-t border-dashed border-slate-400 pt-2">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="text-right [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 border-t border-dashed border-slate-400 pt-2 text-center text-xs">{t('footer')}</p>
    </section>
  );
}
