import Link from 'next/link';
import { DailyBars } from '@/components/charts/daily-bars';
import { HorizontalBars } from '@/components/charts/horizontal-bars';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money/format';
import { buildReportDocument, REPORTS, type ReportDocument, type ReportName } from '@/lib/reports/documents';
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

function Options({ name, params }: { name: ReportName; params: Record<string, string | undefined> }) {
  const input = 'mt-1 block rounded border border-slate-300 px-2 py-1 text-sm';
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Report options">
      {AS_OF.includes(name) ? (
        <label className="text-sm text-slate-700">
          As of (end of day, empty = now)
          <input type="date" name="asOf" defaultValue={params.asOf ?? ''} className={input} />
        </label>
      ) : (
        <>
          <label className="text-sm text-slate-700">
            Last
            <select name="days" defaultValue={params.days ?? ''} className={input}>
              <option value="">30 days</option>
              <option value="90">90 days</option>
              <option value="365">365 days</option>
            </select>
          </label>
          <label className="text-sm text-slate-700">
            or from
            <input type="date" name="from" defaultValue={params.from ?? ''} className={input} />
          </label>
          <label className="text-sm text-slate-700">
            to
            <input type="date" name="to" defaultValue={params.to ?? ''} className={input} />
          </label>
          {name === 'movements' ? (
            <label className="text-sm text-slate-700">
              Per
              <select name="granularity" defaultValue={params.granularity ?? 'day'} className={input}>
                <option value="day">day</option>
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
            </label>
          ) : null}
        </>
      )}
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
        Show
      </button>
    </form>
  );
}

function Charts({ doc }: { doc: ReportDocument }) {
  if (doc.bars.length === 0 && doc.daily.length === 0) return null;
  return (
    <Card title="Chart">
      <div className="grid gap-6">
        {doc.daily.map((s) => (
          <div key={s.currency}>
            <h3 className="mb-2 text-sm font-semibold">Activations and redemptions per day, {s.currency}</h3>
            <DailyBars
              id={`daily-${s.currency}`}
              label={`Activations and redemptions per day, ${s.currency}`}
              days={s.days}
              format={(m) => formatMoney(m, s.currency)}
            />
          </div>
        ))}
        {doc.bars.map((b) => (
          <div key={b.label}>
            <h3 className="mb-2 text-sm font-semibold">{b.label}</h3>
            {b.bars.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing to show.</p>
            ) : (
              <HorizontalBars id={`bars-${b.currency}-${doc.name}`} label={b.label} bars={b.bars} />
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
      <PageHeader title={REPORTS[name].title} description={doc ? doc.subtitle : REPORTS[name].description}>
        <nav aria-label="Downloads" className="flex gap-2 text-sm">
          <Link href="/hq/reports" className="rounded border border-slate-300 px-3 py-1.5">
            All reports
          </Link>
          <a href={`/hq/reports/download/${name}?${query(params, { format: 'csv' })}`} className="rounded border border-slate-300 px-3 py-1.5" download>
            Download CSV
          </a>
          <a href={`/hq/reports/download/${name}?${query(params, { format: 'pdf' })}`} className="rounded border border-slate-300 px-3 py-1.5" download>
            Printable PDF
          </a>
        </nav>
      </PageHeader>
      <div className="grid gap-4">
        <Options name={name} params={params} />
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {doc ? (
          <>
            <Charts doc={doc} />
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
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
