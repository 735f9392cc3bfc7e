import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { BATCH_STATUSES, listPrintRuns, listPrintRunsQuerySchema, PRINT_RUN_SORTS } from '@/lib/print-runs/list-print-runs';
import { BatchStatusBadge } from './_components/batch-status-badge';
import { CardCountsList } from './_components/card-counts';
import { printRunTitle } from './_components/print-run-title';
import { SecretsSummary } from './_components/secrets-summary';
import { When } from './_components/when';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqPrintRuns'))('title') };
}

const CONTROL = 'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900';

export default async function PrintRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('hq:view', '/hq/print-runs');
  const query = listPrintRunsQuerySchema.parse(await searchParams);
  const { rows, total, page, pageCount } = await listPrintRuns(actor, query);
  const isFiltered = Boolean(query.status || query.q);
  const t = await getTranslations('hqPrintRuns');
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.q) params.set('q', query.q);
    if (query.sort !== 'newest') params.set('sort', query.sort);
    if (n > 1) params.set('page', String(n));
    const search = params.toString();
    return search ? `/hq/print-runs?${search}` : '/hq/print-runs';
  };

  return (
    <>
      <PageHeader title={t('title')} description={t('description')}>
        {can(actor.role, 'printRuns:order') ? (
          <Link
            href="/hq/print-runs/new"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {t('new')}
          </Link>
        ) : null}
      </PageHeader>

      <Card className="mb-6">
        <form role="search" aria-label={t('filter')} className="flex flex-wrap items-end gap-4">
          <div className="flex min-w-56 flex-1 flex-col gap-1">
            <label htmlFor="q" className="text-sm font-medium text-slate-800">
              {t('search')}
            </label>
            <input id="q" name="q" type="search" defaultValue={query.q ?? ''} aria-describedby="q-hint" className={CONTROL} />
            <p id="q-hint" className="text-xs text-slate-500">
              {t('searchHint')}
            </p>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="status" className="text-sm font-medium text-slate-800">
              {t('status')}
            </label>
            <select id="status" name="status" defaultValue={query.status ?? ''} className={CONTROL}>
              <option value="">{t('all')}</option>
              {BATCH_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="sort" className="text-sm font-medium text-slate-800">
              {t('sort')}
            </label>
            <select id="sort" name="sort" defaultValue={query.sort} className={CONTROL}>
              {PRINT_RUN_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex gap-2 pb-5">
            <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700">
              {t('apply')}
            </button>
            {isFiltered ? (
              <Link href="/hq/print-runs" className="inline-flex min-h-11 items-center px-2 text-sm font-semibold text-brand-700 underline">
                {t('clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </Card>

      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{isFiltered ? t('noMatch') : t('none')}</p>
        ) : (
          <Table
            caption={t('caption', { page, pageCount })}
            columns={[
              { label: t('columns.run'), className: 'py-2 pr-4' },
              { label: t('columns.created'), className: 'pr-4' },
              { label: t('columns.manufacturer'), className: 'pr-4' },
              { label: t('columns.progress'), className: 'pr-4' },
              { label: t('columns.cards'), className: 'pr-4' },
              { label: t('columns.secrets') },
            ]}
            className="min-w-[720px]"
          >
            {rows.map((run) => (
              <TableRow key={run.id} className="align-top" data-testid={`print-run-${run.id}`}>
                <td className="py-3 pr-4">
                  <Link href={`/hq/print-runs/${run.id}`} className="font-mono font-semibold text-brand-700 underline">
                    {printRunTitle(run, t('batch', { id: run.id.slice(0, 8) }))}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{run.id.slice(0, 8)}</div>
                </td>
                <td className="py-3 pr-4">
                  <When date={run.createdAt} />
                  <div className="text-xs text-slate-600">{t('by', { who: run.createdBy })}</div>
                </td>
                <td className="py-3 pr-4">
                  {run.manufacturer ?? <span className="text-slate-400">—</span>}
                  {run.purchaseOrder ? <div className="text-xs text-slate-600">{t('po', { po: run.purchaseOrder })}</div> : null}
                </td>
                <td className="py-3 pr-4">
                  <BatchStatusBadge status={run.status} />
                  <div className="text-xs text-slate-600 tabular-nums">
                    {t('ofQuantity', { created: run.cardsCreated, quantity: run.quantity, type: run.type })}
                  </div>
                </td>
                <td className="py-3 pr-4">
                  <CardCountsList counts={run.counts} compact />
                </td>
                <td className="py-3">
                  <SecretsSummary secrets={run.secrets} />
                </td>
              </TableRow>
            ))}
          </Table>
        )}
        <nav aria-label={t('pagination')} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
          <p className="text-slate-600">
            {t('pageOf', { page, pageCount, total })}
          </p>
          <div className="flex gap-2">
            {page > 1 ? (
              <Link
                href={pageHref(page - 1)}
                rel="prev"
                className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 font-semibold hover:bg-slate-100"
              >
                {t('previous')}
              </Link>
            ) : null}
            {page < pageCount ? (
              <Link
                href={pageHref(page + 1)}
                rel="next"
                className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 font-semibold hover:bg-slate-100"
              >
                {t('next')}
              </Link>
            ) : null}
          </div>
        </nav>
      </Card>
    </>
  );
}
