import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { formatMoney } from '@/lib/money/format';
import { listTodayActivations } from '@/lib/counter/list-today';
import { STATUS_LABELS } from '@/lib/counter/views';
import { formatDate, formatTime } from '@/lib/time/format';
import { startOfDay } from '@/lib/time/zoned';
import { undoActivationAction } from '../actions';
import { ChooseStoreFirst } from '../_components/choose-store-first';
import { currentCounterStore } from '../_lib/counter-store';
import { UndoArea, UndoButton } from './_components/undo';

export const metadata: Metadata = { title: 'Today at this store' };

export default async function TodayPage() {
  const actor = await requirePageActor('store:use', '/store/today');
  const store = await currentCounterStore(actor);
  if (!store) {
    return (
      <>
        <PageHeader title="Today at this store" />
        <ChooseStoreFirst />
      </>
    );
  }
  const today = await listTodayActivations(actor, { storeId: store.id });
  const [year, month, day] = today.date.split('-').map(Number);
  const dateLabel = formatDate(startOfDay({ year: year!, month: month!, day: day! }, today.timeZone), today.timeZone);
  return (
    <>
      <PageHeader title="Today at this store" description={`Cards activated at ${store.name} on ${dateLabel}. A clerk may undo their own activation for 15 minutes, until the card is used.`} />
      <Card className="mb-6" title="Totals">
        {today.totals.length === 0 ? (
          <p className="text-sm text-slate-600">No cards activated yet today.</p>
        ) : (
          <ul className="flex flex-wrap gap-6" data-testid="today-totals">
            {today.totals.map((t) => (
              <li key={t.currency} className="text-sm">
                <span className="block text-2xl font-bold tabular-nums">{formatMoney(t.amount, t.currency)}</span>
                {t.currency} · {t.count} {t.count === 1 ? 'card' : 'cards'}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <UndoArea action={undoActivationAction}>
      {today.activations.length > 0 ? (
        <Card>
          <Table caption="Activations today" testId="today-list" className="min-w-[640px]" columns={[{ label: 'Time', className: 'py-2' }, { label: 'Card' }, { label: 'Amount', className: 'text-right' }, { label: 'Clerk' }, { label: 'Sales receipt' }, { label: 'Status' }, { label: 'Undo', isLabelHidden: true }]}>
                {today.activations.map((a) => (
                  <TableRow key={a.cardId} data-testid={`today-row-${a.cardId}`}>
                    <td className="py-2 tabular-nums">{formatTime(a.activatedAt, today.timeZone)}</td>
                    <td>
                      <div className="font-medium">{a.cardId}</div>
                      {a.maskedCode ? <div className="text-xs text-slate-500">{a.maskedCode}</div> : null}
                    </td>
                    <td className="text-right tabular-nums">{formatMoney(a.amount, a.currency)}</td>
                    <td>{a.clerk}</td>
                    <td>{a.receiptNumber ?? '—'}</td>
                    <td>
                      <Badge tone={a.status === 'unused' ? 'good' : 'neutral'}>{STATUS_LABELS[a.status]}</Badge>
                    </td>
                    <td className="py-2 text-right">
                      {a.undoRefusal === null ? (
                        <UndoButton cardId={a.cardId} amount={formatMoney(a.amount, a.currency)} />
                      ) : (
                        <span className="text-xs text-slate-500">{a.undoRefusal}</span>
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
