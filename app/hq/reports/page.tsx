import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { REPORTS, type ReportName } from '@/lib/reports/documents';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqReports'))('title') };
}

export default async function Page() {
  await requirePageActor('reports:view', '/hq/reports');
  const t = await getTranslations('hqReports');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid gap-4 md:grid-cols-2">
        {(Object.keys(REPORTS) as ReportName[]).map((name) => (
          <Card key={name} title={t(`names.${name}.title`)}>
            <p className="mb-3 text-sm text-slate-600">{t(`names.${name}.description`)}</p>
            <Link href={`/hq/reports/${name}`} className="text-sm font-medium text-teal-700 underline">
              {t('open', { report: t(`names.${name}.title`).toLowerCase() })}
            </Link>
          </Card>
        ))}
        <Card title={t('accountingCard')}>
          <p className="mb-3 text-sm text-slate-600">{t('accountingCardText')}</p>
          <Link href="/hq/reports/accounting" className="text-sm font-medium text-teal-700 underline">
            {t('openAccounting')}
          </Link>
        </Card>
      </div>
    </>
  );
}
