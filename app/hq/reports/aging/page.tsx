import type { Metadata } from 'next';
import { ReportPage } from '../_components/report-page';

export const metadata: Metadata = { title: 'Aging' };

export default function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ReportPage name="aging" searchParams={searchParams} />;
}
