import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { CURRENCY_CODES } from '@/lib/money/currencies';
import { listStores } from '@/lib/stores/list-stores';
import { getAccount } from '@/lib/accounts/get-account';
import { isLocale, LOCALE_NAMES, FALLBACK_LOCALE } from '@/lib/i18n/locales';
import { CreateStoreForm } from './_components/create-store-form';
import { StoreLocaleForm } from './_components/store-locale-form';
import { setStoreDisabledAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqStores'))('title') };
}

export default async function StoresPage() {
  const actor = await requirePageActor('hq:view', '/hq/stores');
  const stores = await listStores(actor);
  const canManage = can(actor.role, 'stores:manage');
  const account = await getAccount(actor);
  const t = await getTranslations('hqStores');
  const accountLocale = isLocale(account.defaultLocale) ? account.defaultLocale : FALLBACK_LOCALE;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {canManage ? (
        <Card title={t('new')} className="mb-6">
          <CreateStoreForm currencies={[...CURRENCY_CODES]} defaultCurrency={account.defaultCurrency} accountDefault={LOCALE_NAMES[accountLocale]} />
        </Card>
      ) : null}
      <Card>
        <Table
          caption={t('caption')}
          columns={[
            { label: t('columns.name'), className: 'py-2' },
            { label: t('columns.currency') },
            { label: t('columns.receiptLanguage') },
            { label: t('columns.users') },
            { label: t('columns.status') },
            ...(canManage ? [{ label: t('columns.actions'), isLabelHidden: true }] : []),
          ]}
        >
          {stores.map((store) => (
            <TableRow key={store.id}>
              <td className="py-2 font-medium">{store.name}</td>
              <td>{store.currency}</td>
              <td>
                {canManage ? (
                  <StoreLocaleForm storeId={store.id} name={store.name} locale={store.locale} accountDefault={LOCALE_NAMES[accountLocale]} />
                ) : isLocale(store.locale) ? (
                  LOCALE_NAMES[store.locale]
                ) : (
                  t('accountDefault', { language: LOCALE_NAMES[accountLocale] })
                )}
              </td>
              <td className="tabular-nums">{store._count.users}</td>
              <td>{store.isDisabled ? <Badge tone="bad">{t('disabled')}</Badge> : <Badge tone="good">{t('active')}</Badge>}</td>
              {canManage ? (
                <td className="py-2 text-right">
                  <ToggleForm
                    action={setStoreDisabledAction}
                    fields={{ storeId: store.id, isDisabled: String(!store.isDisabled) }}
                    label={store.isDisabled ? t('enable', { name: store.name }) : t('disable', { name: store.name })}
                    danger={!store.isDisabled}
                  />
                </td>
              ) : null}
            </TableRow>
          ))}
        </Table>
      </Card>
    </>
  );
}
