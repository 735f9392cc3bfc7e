import { useTranslations } from 'next-intl';
import { useLocale } from 'next-intl';
import type { CounterCard } from '@/lib/counter/views';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';
import { formatDate } from '@/lib/time/format';
import { BlockCardForm } from '@/components/form/block-card-form';
import { blockAtCounterAction } from '../actions';

/** What the scanned card is: enough to tell it apart, never a secret (the token is masked). */
export function CardPanel({ card }: { card: CounterCard }) {
  const t = useTranslations('store.card');
  const locale = INTL_LOCALES[useLocale() as Locale];
  const { batch } = card;
  const batchLabel = batch
    ? [
        batch.firstCardId ? t('printRun', { first: batch.firstCardId, last: batch.lastCardId ?? batch.firstCardId }) : t('batchOf', { count: batch.quantity }),
        batch.purchaseOrder ? t('purchaseOrder', { po: batch.purchaseOrder }) : null,
        formatDate(batch.orderedAt, card.timeZone, locale),
      ]
        .filter(Boolean)
        .join(' · ')
    : '—';
  const rows: [string, string][] = [
    [t('card'), card.cardId],
    [t('token'), card.maskedCode ?? '—'],
    [t('type'), t(`types.${card.type}`)],
    [t('batch'), batchLabel],
    [t('status'), card.isBlocked ? t('statuses.blocked') : t(`statuses.${card.status}`)],
  ];
  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm" data-testid="counter-card">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-medium break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {card.isBlocked ? null : (
        <details className="print:hidden">
          <summary className="cursor-pointer text-sm font-medium text-red-700">{t('blockThisCard')}</summary>
          <div className="mt-2">
            <BlockCardForm action={blockAtCounterAction} cardId={card.cardId} />
          </div>
        </details>
      )}
    </div>
  );
}
