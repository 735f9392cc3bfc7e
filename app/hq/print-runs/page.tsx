import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { BATCH_STATUSES, listPrintRuns, listPrintRunsQuerySchema, PRINT_RUN_SORTS } from '@/lib/print-runs/list-print-runs';
import { BATCH_STATUS_LABELS, BatchStatusBadge } from './_components/batch-status-badge';
import { CardCountsList } from './_components/card-counts';
import { printRunTitle } from './_components/print-run-title';
import { SecretsSummary } from './_components/secrets-summary';
import { When } from './_components/when';

export const metadata: Metadata = { title: 'Print runs' };

const SORT_LABELS: Record<(typeof PRINT_RUN_SORTS)[number], string> = { newest: 'Newest first', oldest: 'Oldest first', largest: 'Largest first' };
const TYPE_LABELS = { gift_card: 'gift cards', credit_note: 'credit notes' } as const;
const CONTROL = 'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900';

export default async function PrintRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('hq:view', '/hq/print-runs');
  const query = listPrintRunsQuerySchema.parse(await searchParams);
  const { rows, total, page, pageCount } = await listPrintRuns(actor, query);
  const isFiltered = Boolean(query.status || query.q);
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
      <PageHeader title="Print runs" description="Physical cards ordered from card manufacturers, and batches created through the API.">
        {can(actor.role, 'printRuns:order') ? (
          <Link
            href="/hq/print-runs/new"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700"
          >
            New print run
          </Link>
        ) : null}
      </PageHeader>

      <Card className="mb-6">
        <form role="search" aria-label="Filter print runs" className="flex flex-wrap items-end gap-4">
          <div className="flex min-w-56 flex-1 flex-col gap-1">
            <label htmlFor="q" className="text-sm font-medium text-slate-800">
              Search
            </label>
            <input id="q" name="q" type="search" defaultValue={query.q ?? ''} aria-describedby="q-hint" className={CONTROL} />
            <p id="q-hint" className="text-xs text-slate-500">
              Manufacturer, purchase order, card-id prefix or a whole card id.
            </p>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="status" className="text-sm font-medium text-slate-800">
              Status
            </label>
            <select id="status" name="status" defaultValue={query.status ?? ''} className={CONTROL}>
              <option value="">All</option>
              {BATCH_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {BATCH_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="sort" className="text-sm font-medium text-slate-800">
              Sort
            </label>
            <select id="sort" name="sort" defaultValue={query.sort} className={CONTROL}>
              {PRINT_RUN_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="flex gap-2 pb-5">
            <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700">
              Apply
            </button>
            {isFiltered ? (
              <Link href="/hq/print-runs" className="inline-flex min-h-11 items-center px-2 text-sm font-semibold text-brand-700 underline">
                Clear
              </Link>
            ) : null}
          </div>
        </form>
      </Card>

      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{isFiltered ? 'No print runs match these filters.' : 'No print runs yet.'}</p>
        ) : (
          <Table
            caption={
              <>
                Print runs, page {page} of {pageCount}
              </>
            }
            columns={[
              { label: 'Print run', className: 'py-2 pr-4' },
              { label: 'Created', className: 'pr-4' },
              { label: 'Manufacturer / PO', className: 'pr-4' },
              { label: 'Quantity and progress', className: 'pr-4' },
              { label: 'Cards', className: 'pr-4' },
              { label: 'Secrets' },
            ]}
            className="min-w-[720px]"
          >
            {rows.map((run) => (
              <TableRow key={run.id} className="align-top" data-testid={`print-run-${run.id}`}>
                <td className="py-3 pr-4">
                  <Link href={`/hq/print-runs/${run.id}`} className="font-mono font-semibold text-brand-700 underline">
                    {printRunTitle(run)}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{run.id.slice(0, 8)}</div>
                </td>
                <td className="py-3 pr-4">
                  <When date={run.createdAt} />
                  <div className="text-xs text-slate-600">by {run.createdBy}</div>
                </td>
                <td className="py-3 pr-4">
                  {run.manufacturer ?? <span className="text-slate-400">—</span>}
                  {run.purchaseOrder ? <div className="text-xs text-slate-600">PO {run.purchaseOrder}</div> : null}
                </td>
                <td className="py-3 pr-4">
                  <BatchStatusBadge status={run.status} />
                  <div className="text-xs text-slate-600 tabular-nums">
                    {run.cardsCreated.toLocaleString('en-US')} of {run.quantity.toLocaleString('en-US')} {TYPE_LABELS[run.type]}
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
        <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
          <p className="text-slate-600">
            Page {page} of {pageCount} · {total.toLocaleString('en-US')} {total === 1 ? 'run' : 'runs'}
          </p>
          <div className="flex gap-2">
            {page > 1 ? (
              <Link
                href={pageHref(page - 1)}
                rel="prev"
                className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 font-semibold hover:bg-slate-100"
              >
                Previous page
              </Link>
            ) : null}
            {page < pageCount ? (
              <Link
                href={pageHref(page + 1)}
                rel="next"
                className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 font-semibold hover:bg-slate-100"
              >
                Next page
              </Link>
            ) : null}
          </div>
        </nav>
      </Card>
    </>
  );
}
