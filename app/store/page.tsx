import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/placeholder';
import { requirePageActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Activate a card' };

export default async function ActivatePage() {
  const actor = await requirePageActor('cards:activate', '/store');
  return (
    <>
      <PageHeader title="Activate a card" description={actor.storeName ? `Selling at ${actor.storeName}` : 'Head office user'} />
      <ComingSoon feature="Card activation" />
    </>
  );
}
