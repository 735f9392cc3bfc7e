import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/placeholder';
import { requirePageActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Balance lookup' };

export default async function BalancePage() {
  await requirePageActor('balance:lookup', '/store/balance');
  return (
    <>
      <PageHeader title="Balance lookup" />
      <ComingSoon feature="Balance lookup" />
    </>
  );
}
