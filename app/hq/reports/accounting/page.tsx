import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';
import { getAccountMapping, MAPPING_KEYS } from '@/lib/reports/accounting-settings';
import { formatDate, formatDateTime } from '@/lib/time/format';
import { exportJournal, listClosedPeriods, type JournalExport } from '@/lib/reports/close-period';
import { formatMoney } from '@/lib/money/format';
import { monthSchema } from '@/lib/reports/schemas';
import { CloseForm } from './_components/close-form';
import { MappingForm } from './_components/mapping-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqReports.accounting'))('title') };
}

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
  const t = await getTranslations('hqReports.accounting');
  const locale = (await getLocale()) as Locale;
  const intl = INTL_LOCALES[locale];
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);
  const timeZone = (await getStorePolicy(actor)).timeZone;
  const [mapping, closed] = await Promise.all([getAccountMapping(actor), listClosedPeriods(actor)]);
  let journal: JournalExport | null = null;
  let problem: string | null = parsed.success ? null : t('badMonth');
  try {
    journal = await exportJournal(actor, month);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid gap-4">
        <form method="get" className="flex items-end gap-3">
          <label className="text-sm text-slate-700">
            {t('month')}
            <input type="month" name="month" defaultValue={month} className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
            {t('show')}
          </button>
        </form>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {journal ? (
          <Card title={t('journal', { month, state: journal.closed ? 'closed' : journal.isComplete ? 'open' : 'progress' })}>
            <dl className="grid gap-1 text-sm">
              <div>
                <dt className="inline text-slate-600">{t('lines')} </dt>
                <dd className="inline tabular-nums">{journal.lineCount}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">{t('sha')} </dt>
                <dd className="inline break-all font-mono text-xs" data-testid="journal-sha256">
                  {journal.sha256}
                </dd>
              </div>
              {journal.closed ? (
                <div>
                  <dt className="inline text-slate-600">{t('closed')} </dt>
                  <dd className="inline">
                    {t('closedBy', { at: formatDateTime(journal.closed.closedAt, timeZone, intl), who: journal.closed.closedBy })}
                  </dd>
                </div>
              ) : null}
            </dl>
            <table className="mt-3 text-sm tabular-nums">
              <caption className="text-left text-slate-600">{t('balance')}</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th className="pr-4">{t('currency')}</th>
                  <th className="pr-4 text-right">{t('debit')}</th>
                  <th className="pr-4 text-right">{t('credit')}</th>
                  <th className="pr-4 text-right">{t('net', { account: mapping.liability })}</th>
                  <th className="pr-4 text-right">{t('liability')}</th>
                </tr>
              </thead>
              <tbody>
                {journal.liabilityChange.map((l) => {
                  const total = journal.totals.find((x) => x.currency === l.currency);
                  return (
                    <tr key={l.currency}>
                      <td className="pr-4">{l.currency}</td>
                      <td className="pr-4 text-right">{money(total?.debit ?? BigInt(0), l.currency)}</td>
                      <td className="pr-4 text-right">{money(total?.credit ?? BigInt(0), l.currency)}</td>
                      <td className="pr-4 text-right">{money(total?.liabilityNet ?? BigInt(0), l.currency)}</td>
                      <td className="pr-4 text-right">
                        {t('change', { opening: money(l.opening, l.currency), closing: money(l.closing, l.currency), delta: money(l.closing - l.opening, l.currency) })}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="mt-4 flex flex-wrap items-end gap-4">
              <a href={`/hq/reports/accounting/journal.csv?month=${month}`} className="rounded border border-slate-300 px-3 py-1.5 text-sm" download>
                {t('download')}
              </a>
              {mayManage && journal.isComplete && !journal.closed ? <CloseForm month={month} /> : null}
            </div>
          </Card>
        ) : null}
        <Card title={t('mapping')}>
          <p className="mb-3 text-sm text-slate-600">
            {t.rich('mappingText', { nb: (chunks) => <span lang="nb">{chunks}</span> })}
          </p>
          {mayManage ? (
            <MappingForm fields={MAPPING_KEYS.map((k) => ({ key: k, label: t(`labels.${k}`), value: mapping[k] }))} />
          ) : (
            <dl className="grid gap-1 text-sm">
              {MAPPING_KEYS.map((k) => (
                <div key={k}>
                  <dt className="inline text-slate-600">{t('labelled', { label: t(`labels.${k}`) })} </dt>
                  <dd className="inline font-mono">{mapping[k]}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>
        <Card title={t('closedMonths')}>
          {closed.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noneClosed')}</p>
          ) : (
            <ul className="grid gap-1 text-sm">
              {closed.map((p) => (
                <li key={p.month}>
                  <a href={`/hq/reports/accounting?month=${p.month}`} className="underline">
                    {p.month}
                  </a>{' '}
                  {t('closedLine', { date: formatDate(p.closedAt, timeZone, intl), who: p.closedBy })} <span className="font-mono text-xs">{p.sha256}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
