import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { Sparkline } from '@/components/charts/sparkline';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { formatMoney } from '@/lib/money/format';
import { formatDate } from '@/lib/time/format';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqDashboard'))('title') };
}

const STATUSES = ['inactive', 'unused', 'active'] as const;

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
  const t = await getTranslations('hqDashboard');
  const locale = (await getLocale()) as Locale;
  const timeZone = (await getStorePolicy(actor)).timeZone;
  const money = (amount: number | bigint, currency: string) => formatMoney(amount, currency, locale);
  return (
    <>
      <PageHeader title={t('title')} description={`${actor.accountName} (${actor.accountId})`} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Card title={t('liability')}>
          {summary.outstanding.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noBalances')}</p>
          ) : (
            <ul className="space-y-3">
              {summary.outstanding.map((row) => (
                <li key={row.currency}>
                  <p className="text-xl font-semibold tabular-nums" data-testid={`liability-${row.currency}`}>
                    {money(row.amountMinor, row.currency)}
                  </p>
                  <Sparkline
                    values={row.series.map(Number)}
                    label={t('sparkLabel', { currency: row.currency })}
                  />
                  <details className="text-xs text-slate-600">
                    <summary className="cursor-pointer">{t('last30')}</summary>
                    <table className="mt-1 tabular-nums">
                      <tbody>
                        {row.series.map((v, i) => (
                          <tr key={summary.sparkDays[i]}>
                            <td className="pr-3">{summary.sparkDays[i]}</td>
                            <td className="text-right">{money(v, row.currency)}</td>
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
            {t('liabilityReport')}
          </More>
        </Card>
        <Card title={t('flows')}>
          {summary.flows.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noFlows')}</p>
          ) : (
            <table className="w-full text-sm tabular-nums">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="font-medium"></th>
                  <th scope="col" className="text-right font-medium">
                    {t('today')}
                  </th>
                  <th scope="col" className="text-right font-medium">
                    {t('yesterday')}
                  </th>
                  <th scope="col" className="text-right font-medium">
                    {t('days7')}
                  </th>
                  <th scope="col" className="text-right font-medium">
                    {t('before7')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.flows.flatMap((f) => [
                  <tr key={`${f.currency}-s`}>
                    <th scope="row" className="text-left font-normal">
                      {t('sold', { currency: f.currency })}
                    </th>
                    <td className="text-right">{money(f.salesToday, f.currency)}</td>
                    <td className="text-right">{money(f.salesYesterday, f.currency)}</td>
                    <td className="text-right">{money(f.sales7d, f.currency)}</td>
                    <td className="text-right">{money(f.salesPrev7d, f.currency)}</td>
                  </tr>,
                  <tr key={`${f.currency}-r`}>
                    <th scope="row" className="text-left font-normal">
                      {t('redeemed', { currency: f.currency })}
                    </th>
                    <td className="text-right">{money(f.redemptionsToday, f.currency)}</td>
                    <td className="text-right">{money(f.redemptionsYesterday, f.currency)}</td>
                    <td className="text-right">{money(f.redemptions7d, f.currency)}</td>
                    <td className="text-right">{money(f.redemptionsPrev7d, f.currency)}</td>
                  </tr>,
                ])}
              </tbody>
            </table>
          )}
          <More href="/hq/reports/movements" show={reports}>
            {t('movementsReport')}
          </More>
        </Card>
        <Card title={t('cards')}>
          <dl className="space-y-1 text-sm">
            {STATUSES.map((status) => (
              <div key={status} className="flex justify-between gap-4">
                <dt className="text-slate-600">{t(`statuses.${status}`)}</dt>
                <dd className="font-semibold tabular-nums">{summary.cardsByStatus[status] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <More href="/hq/reports/aging" show={reports}>
            {t('agingReport')}
          </More>
        </Card>
        <Card title={t('awaiting')}>
          {summary.awaitingRelease.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noneAwaiting')}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {summary.awaitingRelease.map((b) => (
                <li key={b.id}>
                  <Link href={`/hq/print-runs/${b.id}`} className="underline">
                    {t('batch', { label: b.purchaseOrder ?? b.manufacturer ?? formatDate(b.createdAt, timeZone, INTL_LOCALES[locale]), count: b.quantity })}
                  </Link>
                  {b.secretsDeadline ? <span className="text-slate-600">{t('releaseBy', { date: formatDate(b.secretsDeadline, timeZone, INTL_LOCALES[locale]) })}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <More href="/hq/print-runs" show>
            {t('printRuns')}
          </More>
        </Card>
        <Card title={t('topStores')}>
          {summary.topStores.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noSales')}</p>
          ) : (
            <ol className="space-y-1 text-sm">
              {summary.topStores.map((s) => (
                <li key={`${s.storeId}-${s.currency}`} className="flex justify-between gap-4">
                  <span>{s.name}</span>
                  <span className="font-semibold tabular-nums">{money(s.loaded, s.currency)}</span>
                </li>
              ))}
            </ol>
          )}
          <More href="/hq/reports/stores" show={reports}>
            {t('storePerformance')}
          </More>
        </Card>
      </div>
    </>
  );
}
