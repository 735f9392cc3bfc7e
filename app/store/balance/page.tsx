import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { BalanceLookup } from './_components/balance-lookup';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('store.balance'))('title') };
}

export default async function BalancePage() {
  await requirePageActor('balance:lookup', '/store/balance');
  const t = await getTranslations('store.balance');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <BalanceLookup />
    </>
  );
}
