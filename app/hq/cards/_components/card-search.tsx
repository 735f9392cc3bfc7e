'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import type { CardSearchResult } from '@/lib/cards/search-cards';
import { CARD_PAGE_SIZES, type CardSearchQuery, type CardSort } from '@/lib/cards/search-schema';
import type { FormState } from '@/lib/edge/result';
import { formatAmountInput, formatMoney } from '@/lib/money/format';

const CONTROL = 'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm';
const FORM_ID = 'card-search-form';
const ARROWS = { asc: ' ▲', desc: ' ▼' } as const;

export type CardSearchData = CardSearchResult & { query: string };
type SearchAction = (state: FormState<CardSearchData>, data: FormData) => Promise<FormState<CardSearchData>>;
type Dir = 'asc' | 'desc';

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <span id={id} className="text-xs font-normal text-red-700">
      {errors.join(' ')}
    </span>
  ) : null;
}

/**
 * The search form and one page of results. Every search is a POST to the server action, so a
 * scanned token in `q` never lands in a URL; the answer's non-secret part (filters, sort, page
 * size) goes into the address afterwards, so the search can be bookmarked. Pages are keyset
 * cursors from the answers (a stack of them for "Previous").
 */
export function CardSearch({
  action,
  initial,
  filters,
  currency,
  timeZone,
  stores,
}: {
  action: SearchAction;
  initial: CardSearchData;
  filters: CardSearchQuery;
  currency: string;
  timeZone: string;
  stores: { id: string; name: string }[];
}) {
  const t = useTranslations('hqCards');
  const locale = useLocale();
  const [state, dispatch] = useActionState<FormState<CardSearchData>, FormData>(action, { ok: true, data: initial, id: 'initial' });
  const [isPending, startTransition] = useTransition();
  const [sort, setSort] = useState<{ sort: CardSort; dir: Dir }>({ sort: filters.sort, dir: filters.dir });
  const [cursors, setCursors] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  // The last page found stays on screen while a search fails (its error shows above it).
  const [shown, setShown] = useState<{ id: string; data: CardSearchData }>({ id: 'initial', data: initial });
  if (state?.ok && state.id !== shown.id) setShown({ id: state.id, data: state.data });
  const shownData = shown.data;

  useEffect(() => {
    if (!state?.ok || state.id === 'initial') return;
    window.history.replaceState(null, '', state.data.query ? `?${state.data.query}` : window.location.pathname);
  }, [state]);

  const run = (next: { sort?: CardSort; dir?: Dir; cursor?: string }) => {
    const data = new FormData(formRef.current!);
    data.set('sort', next.sort ?? sort.sort);
    data.set('dir', next.dir ?? sort.dir);
    if (next.cursor) data.set('cursor', next.cursor);
    startTransition(() => dispatch(data));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCursors([]);
    run({});
  };
  const sortBy = (column: CardSort) => {
    const dir: Dir = sort.sort === column && sort.dir === 'asc' ? 'desc' : 'asc';
    setSort({ sort: column, dir });
    setCursors([]);
    run({ sort: column, dir });
  };
  const nextPage = () => {
    if (!shownData.nextCursor) return;
    setCursors((stack) => [...stack, shownData.nextCursor!]);
    run({ cursor: shownData.nextCursor });
  };
  const previousPage = () => {
    const stack = cursors.slice(0, -1);
    setCursors(stack);
    run({ cursor: stack.at(-1) });
  };

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const day = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : '—');
  const field = (name: string, label: string, input: ReactNode) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      {input}
      <FieldError id={`${name}-error`} errors={errors?.[name]} />
    </label>
  );
  const described = (name: string) => (errors?.[name]?.length ? { 'aria-describedby': `${name}-error`, 'aria-invalid': true } : {});
  const dateInput = (name: keyof CardSearchQuery) => (
    <input type="date" name={name} defaultValue={(filters[name] as string | undefined) ?? ''} className={CONTROL} {...described(name)} />
  );
  const amountInput = (name: 'balance_min' | 'balance_max') => (
    <input
      name={name}
      inputMode="decimal"
      autoComplete="off"
      defaultValue={filters[name] !== undefined ? formatAmountInput(filters[name], currency) : ''}
      className={`${CONTROL} w-32`}
      {...described(name)}
    />
  );
  const header = (column: CardSort | null, label: string) => {
    const isSorted = column !== null && sort.sort === column;
    return (
      <th scope="col" aria-sort={isSorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        {column ? (
          <button type="button" className="font-semibold underline decoration-dotted" onClick={() => sortBy(column)}>
            {label}
            {isSorted ? <span aria-hidden="true">{ARROWS[sort.dir]}</span> : null}
            <span className="sr-only">{t(isSorted && sort.dir === 'asc' ? 'sortDescending' : 'sortAscending')}</span>
          </button>
        ) : (
          label
        )}
      </th>
    );
  };
  const page = cursors.length + 1;

  return (
    <>
      <form id={FORM_ID} ref={formRef} onSubmit={onSubmit} className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t('formLabel')}>
        <div className="sm:col-span-2">
          {field('q', t('fields.q'), <input name="q" className={`${CONTROL} w-full`} autoComplete="off" {...described('q')} />)}
        </div>
        {field(
          'customer',
          t('fields.customer'),
          <input name="customer" defaultValue={filters.customer ?? ''} className={CONTROL} autoComplete="off" {...described('customer')} />,
        )}
        {field(
          'batch',
          t('fields.batch'),
          <input name="batch" defaultValue={filters.batch ?? ''} className={CONTROL} autoComplete="off" {...described('batch')} />,
        )}
        {field(
          'status',
          t('fields.status'),
          <select name="status" defaultValue={filters.status ?? ''} className={CONTROL}>
            <option value="">{t('any')}</option>
            <option value="inactive">{t('status.inactive')}</option>
            <option value="unused">{t('status.unused')}</option>
            <option value="active">{t('status.active')}</option>
            <option value="blocked">{t('status.blocked')}</option>
          </select>,
        )}
        {field(
          'store',
          t('fields.store'),
          <select name="store" defaultValue={filters.store ?? ''} className={CONTROL}>
            <option value="">{t('any')}</option>
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>,
        )}
        {field('activated_from', t('fields.activatedFrom'), dateInput('activated_from'))}
        {field('activated_to', t('fields.activatedTo'), dateInput('activated_to'))}
        {field('expires_from', t('fields.expiresFrom'), dateInput('expires_from'))}
        {field('expires_to', t('fields.expiresTo'), dateInput('expires_to'))}
        {field('balance_min', t('fields.balanceMin', { currency }), amountInput('balance_min'))}
        {field('balance_max', t('fields.balanceMax', { currency }), amountInput('balance_max'))}
        {field(
          'size',
          t('fields.size'),
          <select name="size" defaultValue={String(filters.size)} className={CONTROL}>
            {CARD_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>,
        )}
        <input type="hidden" name="currency" value={currency} />
        <div className="flex items-end">
          <button type="submit" disabled={isPending} className="min-h-11 rounded-md bg-brand-700 px-4 text-sm font-semibold text-white disabled:opacity-60">
            {t('search')}
          </button>
        </div>
      </form>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <p className="mb-2 text-sm text-slate-700" data-testid="card-search-count" aria-live="polite">
        {t(shownData.isCountCapped ? 'summaryCapped' : 'summary', { count: shownData.count, page })}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm [&_td]:px-3 [&_th]:px-3 [&_th]:py-2" data-testid="card-search-results" aria-busy={isPending}>
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              {header('card_id', t('columns.card'))}
              {header(null, t('columns.token'))}
              {header(null, t('columns.status'))}
              {header('balance', t('columns.balance'))}
              {header(null, t('columns.customer'))}
              {header('activated', t('columns.activated'))}
              {header('expires', t('columns.expires'))}
            </tr>
          </thead>
          <tbody>
            {shownData.rows.map((r) => (
              <tr key={r.cardId} className="border-b border-slate-100">
                <td className="py-2">
                  <Link className="font-medium text-brand-700 underline" href={`/hq/cards/${encodeURIComponent(r.cardId)}`}>
                    {r.cardId}
                  </Link>
                </td>
                <td className="font-mono">{r.maskedCode ?? '—'}</td>
                <td>{r.isBlocked ? <Badge tone="bad">{t('status.blocked')}</Badge> : t(`status.${r.status as 'inactive' | 'unused' | 'active'}`)}</td>
                <td className="tabular-nums">{r.currency ? formatMoney(r.balance, r.currency, locale === 'nb' ? 'nb-NO' : 'en-GB') : '—'}</td>
                <td>{r.customerId ?? '—'}</td>
                <td>{day(r.activatedAt)}</td>
                <td>{day(r.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shownData.rows.length === 0 ? <p className="mt-4 text-sm text-slate-600">{t('noMatch')}</p> : null}
      <nav className="mt-4 flex gap-3" aria-label={t('pagination')}>
        <button type="button" onClick={previousPage} disabled={cursors.length === 0 || isPending} className={`${CONTROL} disabled:opacity-50`}>
          {t('previousPage')}
        </button>
        <button type="button" onClick={nextPage} disabled={!shownData.nextCursor || isPending} className={`${CONTROL} disabled:opacity-50`}>
          {t('nextPage')}
        </button>
      </nav>
    </>
  );
}
