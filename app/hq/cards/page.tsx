import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { getCardSearchOptions } from '@/lib/cards/search-options';
import { searchCards } from '@/lib/cards/search-cards';
import { cardSearchQuerySchema, cardSearchQueryString } from '@/lib/cards/search-schema';
import { requirePageActor } from '@/lib/edge/session';
import { searchCardsAction } from './actions';
import { CardSearch } from './_components/card-search';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqCards'))('title') };
}

/** The first page comes from the address (a bookmarked search: its non-secret filters); the form then posts. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('cards:read', '/hq/cards');
  const t = await getTranslations('hqCards');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // A hand-edited address with a bad value shows the default search rather than an error page.
  const parsed = cardSearchQuerySchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : cardSearchQuerySchema.parse({});
  const [options, result] = await Promise.all([getCardSearchOptions(actor), searchCards(actor, filters)]);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <CardSearch
        action={searchCardsAction}
        initial={{ ...result, query: cardSearchQueryString(filters) }}
        filters={filters}
        currency={options.currency}
        timeZone={options.timeZone}
        stores={options.stores}
      />
    </>
  );
}
