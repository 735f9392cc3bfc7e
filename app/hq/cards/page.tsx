import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/placeholder';
import { requirePageActor } from '@/lib/edge/session';

export const metadata: Metadata = { title: 'Cards' };

export default async function Page() {
  await requirePageActor('hq:view', '/hq/cards');
  return (
    <>
      <PageHeader title="Cards" />
      <ComingSoon feature="Card search" />
    </>
  );
}
