import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { SEARCH_PAGE_SIZE } from '@/lib/cards/search-cards';
import { requirePageActor } from '@/lib/edge/session';
import { searchCardsAction } from './actions';
import { CardSearch } from './_components/card-search';

export const metadata: Metadata = { title: 'Cards' };

export default async function Page() {
  await requirePageActor('cards:read', '/hq/cards');
  return (
    <>
      <PageHeader title="Cards" description="Find a card by its id (or the start of it), the last digits of its token, or a scanned token." />
      <CardSearch action={searchCardsAction} pageSize={SEARCH_PAGE_SIZE} />
    </>
  );
}
