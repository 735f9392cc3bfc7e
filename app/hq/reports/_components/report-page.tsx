import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { DailyBars } from '@/components/charts/daily-bars';
import { HorizontalBars } from '@/components/charts/horizontal-bars';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money/format';
import { buildReportDocument, type ReportDocument, type ReportName } from '@/lib/reports/documents';
import { ReportTables } from './report-tables';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const AS_OF: ReportName[] = ['liability', 'aging'];

function single(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function query(params: Record<string, string | undefined>, extra: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...extra })) if (v) q.set(k, v);
  return q.toString();
}

async function Options({ name, params }: { name: ReportName; params: Record<string, string | undefined> }) {
  const t = await getTranslations('hqReports');
  const input = 'mt-1 block rounded border border-slate-300 px-2 py-1 text-sm';
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('options')}>
      {AS_OF.includes(name) ? (
        <label className="text-sm text-slate-700">
          {t('asOf')}
          <input type="date" name="asOf" defaultValue={params.asOf ?? ''} className={input} />
        </label>
      ) : (
        <>
          <label className="text-sm text-slate-700">
            {t('last')}
            <select name="days" defaultValue={params.days ?? ''} className={input}>
              <option value="">{t('days', { count: 30 })}</option>
              <option value="90">{t('days', { count: 90 })}</option>
              <option value="365">{t('days', { count: 365 })}</option>
            </select>
          </label>
          <label className="text-sm text-slate-700">
            {t('from')}
            <input type="date" name="from" defaultValue={params.from ?? ''} className={input} />
          </label>
          <label className="text-sm text-slate-700">
            {t('to')}
            <input type="date" name="to" defaultValue={params.to ?? ''} className={input} />
          </label>
          {name === 'movements' ? (
            <label className="text-sm text-slate-700">
              {t('per')}
              <select name="granularity" defaultValue={params.granularity ?? 'day'} className={input}>
                <option value="day">{t('granularity.day')}</option>
                <option value="week">{t('granularity.week')}</option>
                <option value="month">{t('granularity.month')}</option>
              </select>
            </label>
          ) : null}
        </>
      )}
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
        {t('show')}
      </button>
    </form>
  );
}

async function Charts({ doc }: { doc: ReportDocument }) {
  if (doc.bars.length === 0 && doc.daily.length === 0) return null;
  const t = await getTranslations('hqReports');
  const locale = await getLocale();
  return (
    <Card title={t('chart')}>
      <div className="grid gap-6">
        {doc.daily.map((s) => (
          <div key={s.currency}>
            <h3 className="mb-2 text-sm font-semibold">{t('daily', { currency: s.currency })}</h3>
            <DailyBars
              id={`daily-${s.currency}`}
              label={t('daily', { currency: s.currency })}
              days={s.days}
              format={(m) => formatMoney(m, s.currency, locale)}
            />
          </div>
        ))}
        {doc.bars.map((b) => (
          <div key={b.label}>
            {/* The chart's title and bars are the report document's (English, like the export). */}
            <h3 className="mb-2 text-sm font-semibold" lang="en">
              {b.label}
            </h3>
            {b.bars.length === 0 ? (
              <p className="text-sm text-slate-600">{t('nothing')}</p>
            ) : (
              <div lang="en">
                <HorizontalBars id={`bars-${b.currency}-${doc.name}`} label={b.label} bars={b.bars} />
              </div>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}

/** One finance report page: options, downloads (CSV, PDF), chart, notes and tables. */
export async function ReportPage({ name, searchParams }: { name: ReportName; searchParams: SearchParams }) {
  const actor = await requirePageActor('reports:view', `/hq/reports/${name}`);
  const params = single(await searchParams);
  const t = await getTranslations('hqReports');
  let doc: ReportDocument | null = null;
  let problem: string | null = null;
  try {
    doc = await buildReportDocument(actor, name, params);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fieldErrors = (error.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
    problem = [error.message, ...Object.values(fieldErrors).flat()].join(' ');
  }
  return (
    <>
      <PageHeader title={t(`names.${name}.title`)} description={t(`names.${name}.description`)}>
        <nav aria-label={t('downloads')} className="flex gap-2 text-sm">
          <Link href="/hq/reports" className="rounded border border-slate-300 px-3 py-1.5">
            {t('all')}
          </Link>
          <a href={`/hq/reports/download/${name}?${query(params, { format: 'csv' })}`} className="rounded border border-slate-300 px-3 py-1.5" download>
            {t('csv')}
          </a>
          <a href={`/hq/reports/download/${name}?${query(params, { format: 'pdf' })}`} className="rounded border border-slate-300 px-3 py-1.5" download>
            {t('pdf')}
          </a>
        </nav>
      </PageHeader>
      <div className="grid gap-4">
        <Options name={name} params={params} />
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {doc ? (
          <>
            <Charts doc={doc} />
            <p className="text-sm font-medium" lang="en" data-testid="report-subtitle">
              {doc.subtitle}
            </p>
            <p className="text-xs text-slate-500">{t('contentNote')}</p>
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600" lang="en">
              {doc.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
            <ReportTables tables={doc.tables} />
          </>
        ) : null}
      </div>
    </>
  );
}
