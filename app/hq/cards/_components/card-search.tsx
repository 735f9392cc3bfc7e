'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { useLocale } from 'next-intl';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Table, TableRow } from '@/components/ui/table';
import type { CardSearchRow } from '@/lib/cards/search-cards';
import { STATUS_LABELS } from '@/lib/counter/views';
import type { FormState } from '@/lib/edge/result';
import { formatMoney } from '@/lib/money/format';

const CONTROL = 'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm';

/** The search form and its results; posts to the action so a scanned token never lands in a URL. */
export function CardSearch({
  action,
  pageSize,
}: {
  action: (state: FormState<CardSearchRow[]>, data: FormData) => Promise<FormState<CardSearchRow[]>>;
  pageSize: number;
}) {
  const locale = useLocale();
  const [state, formAction] = useActionState<FormState<CardSearchRow[]>, FormData>(action, null);
  const rows = state?.ok ? state.data : null;
  return (
    <>
      <form action={formAction} className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Card id, last 4 of token, or token
          <input name="q" className={`${CONTROL} w-80`} autoComplete="off" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Status
          <select name="status" defaultValue="" className={CONTROL}>
            <option value="">Any</option>
            <option value="inactive">Not activated</option>
            <option value="unused">Activated, unused</option>
            <option value="active">In use</option>
            <option value="blocked">Blocked</option>
          </select>
        </label>
        <SubmitButton>Search</SubmitButton>
      </form>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      {rows ? (
        <>
          <Table
            caption="Cards found"
            testId="card-search-results"
            columns={[{ label: 'Card' }, { label: 'Token' }, { label: 'Status' }, { label: 'Balance' }, { label: 'Customer' }]}
          >
            {rows.map((r) => (
              <TableRow key={r.cardId}>
                <td className="py-2">
                  <Link className="font-medium text-brand-700 underline" href={`/hq/cards/${encodeURIComponent(r.cardId)}`}>
                    {r.cardId}
                  </Link>
                </td>
                <td className="font-mono">{r.maskedCode ?? '—'}</td>
                <td>{r.isBlocked ? <Badge tone="bad">Blocked</Badge> : STATUS_LABELS[r.status as keyof typeof STATUS_LABELS]}</td>
                <td>{r.currency ? formatMoney(r.balance, r.currency, locale) : '—'}</td>
                <td>{r.customerId ?? '—'}</td>
              </TableRow>
            ))}
          </Table>
          {rows.length === 0 ? <p className="mt-4 text-sm text-slate-600">No cards match.</p> : null}
          {rows.length === pageSize ? <p className="mt-4 text-sm text-slate-600">Showing the newest {pageSize}; narrow the search to see others.</p> : null}
        </>
      ) : null}
    </>
  );
}
