import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { requirePageActor } from '@/lib/edge/session';
import { isCurrency } from '@/lib/money/currencies';
import { defaultExpiryDate } from '@/lib/counter/activate-at-store';
import { sellableDenominations } from '@/lib/counter/sale-amount';
import { formatIsoDate } from '@/lib/time/zoned';
import { receiptMessages } from '@/lib/i18n/receipt-messages';
import { ActivationFlow } from './_components/activation-flow';
import { ChooseStoreFirst } from './_components/choose-store-first';
import { currentCounterStore, isHeadOffice } from './_lib/counter-store';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('store.activate'))('title') };
}

export default async function ActivatePage() {
  const actor = await requirePageActor('cards:activate', '/store');
  const store = await currentCounterStore(actor);
  const policy = await getStorePolicy(actor, { currency: store?.currency });
  const expiry = defaultExpiryDate(policy);
  const t = await getTranslations('store.activate');
  return (
    <>
      <div className="print:hidden">
        <PageHeader title={t('title')} description={store ? t('sellingAt', { store: store.name, currency: store.currency }) : undefined} />
      </div>
      {store && !isCurrency(store.currency) ? <Alert tone="error">{t('unsupportedCurrency', { store: store.name, currency: store.currency })}</Alert> : null}
      {store && isCurrency(store.currency) ? (
        <ActivationFlow
          key={store.id}
          setup={{
            storeId: isHeadOffice(actor) ? store.id : '',
            currency: store.currency,
            denominations: sellableDenominations(policy.denominations, policy),
            minAmount: policy.minAmount,
            maxAmount: policy.maxAmount,
            defaultExpiry: expiry && formatIsoDate(expiry),
            receiptMessages: receiptMessages(),
          }}
        />
      ) : null}
      {store ? null : <ChooseStoreFirst />}
    </>
  );
}
