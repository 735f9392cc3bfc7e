import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { auditQuerySchema, AUDIT_PAGE_SIZES } from '@/lib/audit/audit-schema';
import { isAuditAction, AUDIT_ACTIONS } from '@/lib/audit/catalogue';
import { getAuditFilterOptions, listAuditEvents, type AuditEventRow } from '@/lib/audit/list-audit-events';
import { requirePageActor } from '@/lib/edge/session';
import { parseForm } from '@/lib/edge/translate';

const CONTROL = 'min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqAudit'))('title') };
}

type Params = Record<string, string | string[] | undefined>;

const targetText = (r: AuditEventRow) => `${r.targetType}:${r.targetId ?? ''}`;

/** The audit log: a GET form (no filter is a secret, so a search is a bookmark), keyset pages, a CSV of the same filters. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requirePageActor('audit:view', '/hq/audit');
  const t = await getTranslations('hqAudit');
  const locale = await getLocale();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) =>
      typeof (Array.isArray(v) ? v[0] : v) === 'string' ? [[k, String(Array.isArray(v) ? v[0] : v)]] : [],
    ),
  );
  // Parsed as a form is: zod's own messages and the schema's in the user's language.
  const parsed = await parseForm(auditQuerySchema, raw);
  const input = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const fieldErrors: Record<string, string[] | undefined> = parsed.success ? {} : parsed.fieldErrors;
  const [options, page] = await Promise.all([getAuditFilterOptions(actor), listAuditEvents(actor, input)]);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: options.timeZone });
  const filters = Object.fromEntries(Object.entries(raw).filter(([k, v]) => k !== 'cursor' && k !== 'page' && v !== ''));
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...filters, ...extra }).toString();
  const actionLabel = (action: string) => (isAuditAction(action) ? t(`actions.${action}`) : action);
  const actorLabel = (r: AuditEventRow) =>
    r.actorType === 'SYSTEM' ? `${t('system')}${r.actorId ? ` (${r.actorId})` : ''}` : (r.actorName ?? r.actorId ?? '—');
  const error = (name: string) =>
    fieldErrors[name as keyof typeof fieldErrors]?.length ? (
      <span id={`${name}-error`} className="text-xs font-normal text-red-700">
        {fieldErrors[name as keyof typeof fieldErrors]!.join(' ')}
      </span>
    ) : null;
  const text = (name: string, label: string, type = 'text') => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <input
        type={type}
        name={name}
        defaultValue={raw[name] ?? ''}
        className={CONTROL}
        autoComplete="off"
        aria-describedby={fieldErrors[name as keyof typeof fieldErrors] ? `${name}-error` : undefined}
      />
      {error(name)}
    </label>
  );

  return (
    <>
      <PageHeader title={t('title')} description={t('description')}>
        <a
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-brand-700"
          href={`/hq/audit/events.csv?${query({})}`}
          download
        >
          {t('downloadCsv')}
        </a>
      </PageHeader>
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t('filtersLabel')}>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('fields.actor')}
          <select name="actor" defaultValue={raw.actor ?? ''} className={CONTROL}>
            <option value="">{t('anyActor')}</option>
            <option value="SYSTEM">{t('system')}</option>
            {options.actors.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          {error('actor')}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('fields.action')}
          <select name="action" defaultValue={raw.action ?? ''} className={CONTROL}>
            <option value="">{t('anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
          {error('action')}
        </label>
        {text('card', t('fields.card'))}
        {text('batch', t('fields.batch'))}
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('fields.store')}
          <select name="store" defaultValue={raw.store ?? ''} className={CONTROL}>
            <option value="">{t('anyStore')}</option>
            {options.stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {error('store')}
        </label>
        {text('from', t('fields.from'), 'date')}
        {text('to', t('fields.to'), 'date')}
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('fields.size')}
          <select name="size" defaultValue={String(input.size)} className={CONTROL}>
            {AUDIT_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-sm font-semibold text-white">
            {t('filter')}
          </button>
          <Link href="/hq/audit" className="text-sm text-brand-700 underline">
            {t('clear')}
          </Link>
        </div>
      </form>
      {page.isUnknownCard ? <Alert tone="error">{t('unknownCard', { card: input.card ?? '' })}</Alert> : null}
      <p className="mb-2 text-sm text-slate-700" data-testid="audit-count">
        {t(page.isCountCapped ? 'summaryCapped' : 'summary', { count: page.count, page: input.page })}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_th]:px-3 [&_th]:py-2" data-testid="audit-events">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col">{t('columns.at')}</th>
              <th scope="col">{t('columns.actor')}</th>
              <th scope="col">{t('columns.action')}</th>
              <th scope="col">{t('columns.target')}</th>
              <th scope="col">{t('columns.data')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100">
                <td className="whitespace-nowrap">{time.format(new Date(r.at))}</td>
                <td>{actorLabel(r)}</td>
                <td>
                  <span title={r.action}>{actionLabel(r.action)}</span>
                </td>
                <td>
                  {r.targetType === 'card' && r.targetLabel ? (
                    <Link className="text-brand-700 underline" href={`/hq/cards/${encodeURIComponent(r.targetLabel)}`}>
                      {r.targetLabel}
                    </Link>
                  ) : r.targetType ? (
                    <span className="font-mono text-xs">{targetText(r)}</span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <code className="block max-w-md break-all text-xs text-slate-700">{JSON.stringify(r.data)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.rows.length === 0 ? <p className="mt-4 text-sm text-slate-600">{t('noMatch')}</p> : null}
      <nav className="mt-4 flex gap-3" aria-label={t('pagination')}>
        {input.cursor ? (
          <Link className={`${CONTROL} inline-flex items-center`} href={`/hq/audit?${query({})}`}>
            {t('firstPage')}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link className={`${CONTROL} inline-flex items-center`} href={`/hq/audit?${query({ cursor: page.nextCursor, page: String(input.page + 1) })}`}>
            {t('nextPage')}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
