import type { Metadata } from 'next';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { getAccountMapping, MAPPING_KEYS, MAPPING_LABELS } from '@/lib/reports/accounting-settings';
import { exportJournal, listClosedPeriods, type JournalExport } from '@/lib/reports/close-period';
import { toDecimal } from '@/lib/reports/decimal';
import { monthSchema } from '@/lib/reports/schemas';
import { CloseForm } from './_components/close-form';
import { MappingForm } from './_components/mapping-form';

export const metadata: Metadata = { title: 'Accounting export' };

function previousMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('reports:view', '/hq/reports/accounting');
  const raw = (await searchParams).month;
  const parsed = monthSchema.safeParse({ month: (Array.isArray(raw) ? raw[0] : raw) || previousMonth() });
  const month = parsed.success ? parsed.data.month : previousMonth();
  const mayManage = can(actor.role, 'accounting:manage');
  const [mapping, closed] = await Promise.all([getAccountMapping(actor), listClosedPeriods(actor)]);
  let journal: JournalExport | null = null;
  let problem: string | null = parsed.success ? null : 'Enter a month like 2026-11.';
  try {
    journal = await exportJournal(actor, month);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  return (
    <>
      <PageHeader title="Accounting export" description="Journal lines per day and store of sale for the general ledger; Σ debit = Σ credit." />
      <div className="grid gap-4">
        <form method="get" className="flex items-end gap-3">
          <label className="text-sm text-slate-700">
            Month
            <input type="month" name="month" defaultValue={month} className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
            Show
          </button>
        </form>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {journal ? (
          <Card title={`Journal ${month}${journal.closed ? ' (closed)' : journal.isComplete ? ' (open)' : ' (in progress)'}`}>
            <dl className="grid gap-1 text-sm">
              <div>
                <dt className="inline text-slate-600">Lines: </dt>
                <dd className="inline tabular-nums">{journal.lineCount}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">SHA-256 of the file: </dt>
                <dd className="inline break-all font-mono text-xs" data-testid="journal-sha256">
                  {journal.sha256}
                </dd>
              </div>
              {journal.closed ? (
                <div>
                  <dt className="inline text-slate-600">Closed: </dt>
                  <dd className="inline">
                    {journal.closed.closedAt.toISOString()} by {journal.closed.closedBy}. Re-exports are this exact file.
                  </dd>
                </div>
              ) : null}
            </dl>
            <table className="mt-3 text-sm tabular-nums">
              <caption className="text-left text-slate-600">Balance and reconciliation per currency</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th className="pr-4">Currency</th>
                  <th className="pr-4 text-right">Σ debit</th>
                  <th className="pr-4 text-right">Σ credit</th>
                  <th className="pr-4 text-right">Net on {mapping.liability}</th>
                  <th className="pr-4 text-right">Liability start → end</th>
                </tr>
              </thead>
              <tbody>
                {journal.liabilityChange.map((l) => {
                  const t = journal.totals.find((x) => x.currency === l.currency);
                  return (
                    <tr key={l.currency}>
                      <td className="pr-4">{l.currency}</td>
                      <td className="pr-4 text-right">{toDecimal(t?.debit ?? BigInt(0), l.currency)}</td>
                      <td className="pr-4 text-right">{toDecimal(t?.credit ?? BigInt(0), l.currency)}</td>
                      <td className="pr-4 text-right">{toDecimal(t?.liabilityNet ?? BigInt(0), l.currency)}</td>
                      <td className="pr-4 text-right">
                        {toDecimal(l.opening, l.currency)} → {toDecimal(l.closing, l.currency)} ({toDecimal(l.closing - l.opening, l.currency)})
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="mt-4 flex flex-wrap items-end gap-4">
              <a href={`/hq/reports/accounting/journal.csv?month=${month}`} className="rounded border border-slate-300 px-3 py-1.5 text-sm" download>
                Download journal CSV
              </a>
              {mayManage && journal.isComplete && !journal.closed ? <CloseForm month={month} /> : null}
            </div>
          </Card>
        ) : null}
        <Card title="Account mapping">
          <p className="mb-3 text-sm text-slate-600">
            Each movement books between the liability account and its own account. Defaults follow Norwegian practice: 2901 Gavekort for the liability. A gift
            card for goods at several VAT rates is a multi-purpose voucher: the sale is VAT-neutral (a prepayment), and VAT is the till’s business at redemption
            — the till books the sale with its VAT and the gift card as the means of payment; this journal only moves the liability to the clearing account
            those payments land on.
          </p>
          {mayManage ? (
            <MappingForm fields={MAPPING_KEYS.map((k) => ({ key: k, label: MAPPING_LABELS[k], value: mapping[k] }))} />
          ) : (
            <dl className="grid gap-1 text-sm">
              {MAPPING_KEYS.map((k) => (
                <div key={k}>
                  <dt className="inline text-slate-600">{MAPPING_LABELS[k]}: </dt>
                  <dd className="inline font-mono">{mapping[k]}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>
        <Card title="Closed months">
          {closed.length === 0 ? (
            <p className="text-sm text-slate-600">No month is closed yet.</p>
          ) : (
            <ul className="grid gap-1 text-sm">
              {closed.map((p) => (
                <li key={p.month}>
                  <a href={`/hq/reports/accounting?month=${p.month}`} className="underline">
                    {p.month}
                  </a>{' '}
                  closed {p.closedAt.toISOString().slice(0, 10)} by {p.closedBy}, SHA-256 <span className="font-mono text-xs">{p.sha256}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
