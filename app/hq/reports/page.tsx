import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { REPORTS, type ReportName } from '@/lib/reports/documents';

export const metadata: Metadata = { title: 'Reports' };

export default async function Page() {
  await requirePageActor('reports:view', '/hq/reports');
  return (
    <>
      <PageHeader title="Reports" description="Finance reports on the card ledger, per currency. Every figure is summed from ledger rows." />
      <div className="grid gap-4 md:grid-cols-2">
        {(Object.keys(REPORTS) as ReportName[]).map((name) => (
          <Card key={name} title={REPORTS[name].title}>
            <p className="mb-3 text-sm text-slate-600">{REPORTS[name].description}</p>
            <Link href={`/hq/reports/${name}`} className="text-sm font-medium text-teal-700 underline">
              Open {REPORTS[name].title.toLowerCase()}
            </Link>
          </Card>
        ))}
        <Card title="Accounting export">
          <p className="mb-3 text-sm text-slate-600">Journal lines per month for the general ledger, the account mapping, and closing a month.</p>
          <Link href="/hq/reports/accounting" className="text-sm font-medium text-teal-700 underline">
            Open accounting export
          </Link>
        </Card>
      </div>
    </>
  );
}
