import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';
import { formatMessageParams } from '@/lib/i18n/user-message';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { formatMoney } from '@/lib/money/format';
import { listTodayActivations } from '@/lib/counter/list-today';
import { formatDate, formatTime } from '@/lib/time/format';
import { startOfDay } from '@/lib/time/zoned';
import { undoActivationAction } from '../actions';
import { ChooseStoreFirst } from '../_components/choose-store-first';
import { currentCounterStore } from '../_lib/counter-store';
import { UndoArea, UndoButton } from './_components/undo';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('store.today'))('title') };
}

export default async function TodayPage() {
  const actor = await requirePageActor('store:use', '/store/today');
  const store = await currentCounterStore(actor);
  const t = await getTranslations('store.today');
  const tCard = await getTranslations('store.card');
  const appLocale = (await getLocale()) as Locale;
  const locale = INTL_LOCALES[appLocale];
  const tErrors = await getTranslations('errors');
  if (!store) {
    return (
      <>
        <PageHeader title={t('title')} />
        <ChooseStoreFirst />
      </>
    );
  }
  const today = await listTodayActivations(actor, { storeId: store.id });
  const [year, month, day] = today.date.split('-').map(Number);
  const dateLabel = formatDate(startOfDay({ year: year!, month: month!, day: day! }, today.timeZone), today.timeZone, locale);
  return (
    <>
      <PageHeader title={t('title')} description={t('description', { store: store.name, date: dateLabel })} />
      <Card className="mb-6" title={t('totals')}>
        {today.totals.length === 0 ? (
          <p className="text-sm text-slate-600">{t('none')}</p>
        ) : (
          <ul className="flex flex-wrap gap-6" data-testid="today-totals">
            {today.totals.map((total) => (
              <li key={total.currency} className="text-sm">
                <span className="block text-2xl font-bold tabular-nums">{formatMoney(total.amount, total.currency, locale)}</span>
                {t('count', { currency: total.currency, count: total.count })}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <UndoArea action={undoActivationAction}>
        {today.activations.length > 0 ? (
          <Card>
            <Table
              caption={t('caption')}
              testId="today-list"
              className="min-w-[640px]"
              columns={[
                { label: t('time'), className: 'py-2' },
                { label: t('card') },
                { label: t('amount'), className: 'text-right' },
                { label: t('clerk') },
                { label: t('salesReceipt') },
                { label: t('status') },
                { label: t('undo'), isLabelHidden: true },
              ]}
            >
              {today.activations.map((a) => (
                <TableRow key={a.cardId} data-testid={`today-row-${a.cardId}`}>
                  <td className="py-2 tabular-nums">{formatTime(a.activatedAt, today.timeZone, locale)}</td>
                  <td>
                    <div className="font-medium">{a.cardId}</div>
                    {a.maskedCode ? <div className="text-xs text-slate-500">{a.maskedCode}</div> : null}
                  </td>
                  <td className="text-right tabular-nums">{formatMoney(a.amount, a.currency, locale)}</td>
                  <td>{a.clerk}</td>
                  <td>{a.receiptNumber ?? '—'}</td>
                  <td>
                    <Badge tone={a.status === 'unused' ? 'good' : 'neutral'}>{tCard(`statuses.${a.status}`)}</Badge>
                  </td>
                  <td className="py-2 text-right">
                    {a.undoRefusal === null ? (
                      <UndoButton cardId={a.cardId} amount={formatMoney(a.amount, a.currency, locale)} />
                    ) : (
                      <span className="text-xs text-slate-500">{tErrors(a.undoRefusal.key, formatMessageParams(a.undoRefusal.params, appLocale))}</span>
                    )}
                  </td>
                </TableRow>
              ))}
            </Table>
          </Card>
        ) : null}
      </UndoArea>
    </>
  );
}
