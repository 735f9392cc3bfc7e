import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/placeholder';
import { requirePageActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Print runs' };

export default async function Page() {
  await requirePageActor('hq:view', '/hq/print-runs');
  return (
    <>
      <PageHeader title="Print runs" />
      <ComingSoon feature="Ordering print runs and the one-time secrets download" />
    </>
  );
}
