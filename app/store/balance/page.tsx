import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { BalanceLookup } from './_components/balance-lookup';

export const metadata: Metadata = { title: 'Balance lookup' };

export default async function BalancePage() {
  await requirePageActor('balance:lookup', '/store/balance');
  return (
    <>
      <PageHeader title="Balance lookup" description="Status, balance and the last transactions of any card of the chain." />
      <BalanceLookup />
    </>
  );
}
