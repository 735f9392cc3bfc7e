import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ReportPage } from '../_components/report-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqReports'))('names.stores.title') };
}

export default function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ReportPage name="stores" searchParams={searchParams} />;
}
