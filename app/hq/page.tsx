import type { Metadata } from 'next';
import Link from 'next/link';
import { Sparkline } from '@/components/charts/sparkline';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { formatMoney } from '@/lib/money/format';

export const metadata: Metadata = { title: 'Dashboard' };

const STATUSES = [
  ['inactive', 'Inactive (printed, not sold)'],
  ['unused', 'Activated, unused'],
  ['active', 'In use'],
] as const;

function More({ href, children, show }: { href: string; children: React.ReactNode; show: boolean }) {
  return show ? (
    <Link href={href} className="mt-3 inline-block text-sm font-medium text-teal-700 underline">
      {children}
    </Link>
  ) : null;
}

export default async function DashboardPage() {
  const actor = await requirePageActor('hq:view', '/hq');
  const summary = await getDashboardSummary(actor);
  const reports = can(actor.role, 'reports:view');
  return (
    <>
      <PageHeader title="Dashboard" description={`${actor.accountName} (${actor.accountId})`} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Card title="Outstanding liability">
          {summary.outstanding.length === 0 ? (
            <p className="text-sm text-slate-600">No balances outstanding.</p>
          ) : (
            <ul className="space-y-3">
              {summary.outstanding.map((row) => (
                <li key={row.currency}>
                  <p className="text-xl font-semibold tabular-nums" data-testid={`liability-${row.currency}`}>
                    {formatMoney(row.amountMinor, row.currency)}
                  </p>
                  <Sparkline
                    values={row.series.map(Number)}
                    label={`Liability in ${row.currency} at the end of each of the last 30 days; the table below lists the values.`}
                  />
                  <details className="text-xs text-slate-600">
                    <summary className="cursor-pointer">Last 30 days as a table</summary>
                    <table className="mt-1 tabular-nums">
                      <tbody>
                        {row.series.map((v, i) => (
                          <tr key={summary.sparkDays[i]}>
                            <td className="pr-3">{summary.sparkDays[i]}</td>
                            <td className="text-right">{formatMoney(v, row.currency)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                </li>
              ))}
            </ul>
          )}
          <More href="/hq/reports/liability" show={reports}>
            Liability report
          </More>
        </Card>
        <Card title="Activations and redemptions">
          {summary.flows.length === 0 ? (
            <p className="text-sm text-slate-600">No sales or redemptions in the last 14 days.</p>
          ) : (
            <table className="w-full text-sm tabular-nums">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="font-medium"></th>
                  <th scope="col" className="text-right font-medium">
                    Today
                  </th>
                  <th scope="col" className="text-right font-medium">
                    Yesterday
                  </th>
                  <th scope="col" className="text-right font-medium">
                    7 days
                  </th>
                  <th scope="col" className="text-right font-medium">
                    7 before
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.flows.flatMap((f) => [
                  <tr key={`${f.currency}-s`}>
                    <th scope="row" className="text-left font-normal">
                      Sold, {f.currency}
                    </th>
                    <td className="text-right">{formatMoney(f.salesToday, f.currency)}</td>
                    <td className="text-right">{formatMoney(f.salesYesterday, f.currency)}</td>
                    <td className="text-right">{formatMoney(f.sales7d, f.currency)}</td>
                    <td className="text-right">{formatMoney(f.salesPrev7d, f.currency)}</td>
                  </tr>,
                  <tr key={`${f.currency}-r`}>
                    <th scope="row" className="text-left font-normal">
                      Redeemed, {f.currency}
                    </th>
                    <td className="text-right">{formatMoney(f.redemptionsToday, f.currency)}</td>
                    <td className="text-right">{formatMoney(f.redemptionsYesterday, f.currency)}</td>
                    <td className="text-right">{formatMoney(f.redemptions7d, f.currency)}</td>
                    <td className="text-right">{formatMoney(f.redemptionsPrev7d, f.currency)}</td>
                  </tr>,
                ])}
              </tbody>
            </table>
          )}
          <More href="/hq/reports/movements" show={reports}>
            Movements report
          </More>
        </Card>
        <Card title="Cards">
          <dl className="space-y-1 text-sm">
            {STATUSES.map(([status, label]) => (
              <div key={status} className="flex justify-between gap-4">
                <dt className="text-slate-600">{label}</dt>
                <dd className="font-semibold tabular-nums">{summary.cardsByStatus[status] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <More href="/hq/reports/aging" show={reports}>
            Aging report
          </More>
        </Card>
        <Card title="Print runs awaiting release">
          {summary.awaitingRelease.length === 0 ? (
            <p className="text-sm text-slate-600">None: every print run’s secrets are released or destroyed.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {summary.awaitingRelease.map((b) => (
                <li key={b.id}>
                  <Link href={`/hq/print-runs/${b.id}`} className="underline">
                    {b.purchaseOrder ?? b.manufacturer ?? b.createdAt.toISOString().slice(0, 10)} ({b.quantity} cards)
                  </Link>
                  {b.secretsDeadline ? <span className="text-slate-600"> — release by {b.secretsDeadline.toISOString().slice(0, 10)}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <More href="/hq/print-runs" show>
            Print runs
          </More>
        </Card>
        <Card title="Top stores (value sold, 30 days)">
          {summary.topStores.length === 0 ? (
            <p className="text-sm text-slate-600">No sales in the last 30 days.</p>
          ) : (
            <ol className="space-y-1 text-sm">
              {summary.topStores.map((s) => (
                <li key={`${s.storeId}-${s.currency}`} className="flex justify-between gap-4">
                  <span>{s.name}</span>
                  <span className="font-semibold tabular-nums">{formatMoney(s.loaded, s.currency)}</span>
                </li>
              ))}
            </ol>
          )}
          <More href="/hq/reports/stores" show={reports}>
            Store performance
          </More>
        </Card>
      </div>
    </>
  );
}
