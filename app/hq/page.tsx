import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { formatMoney } from '@/lib/money/format';

export const metadata: Metadata = { title: 'Dashboard' };

const STATUSES = [
  ['inactive', 'Inactive (printed, not sold)'],
  ['unused', 'Activated, unused'],
  ['active', 'In use'],
] as const;

export default async function DashboardPage() {
  const actor = await requirePageActor('hq:view', '/hq');
  const summary = await getDashboardSummary(actor);
  return (
    <>
      <PageHeader title="Dashboard" description={`${actor.accountName} (${actor.accountId})`} />
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Cards">
          <dl className="space-y-1 text-sm">
            {STATUSES.map(([status, label]) => (
              <div key={status} className="flex justify-between gap-4">
                <dt className="text-slate-600">{label}</dt>
                <dd className="font-semibold tabular-nums">{summary.cardsByStatus[status] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Outstanding balances">
          {summary.outstanding.length === 0 ? (
            <p className="text-sm text-slate-600">No balances outstanding.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {summary.outstanding.map((row) => (
                <li key={row.currency} className="font-semibold tabular-nums">
                  {formatMoney(row.amountMinor, row.currency)}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Stores">
          <p className="text-3xl font-bold tabular-nums">{summary.storeCount}</p>
          <p className="text-sm text-slate-600">active stores</p>
        </Card>
      </div>
    </>
  );
}
