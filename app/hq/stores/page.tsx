import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { CURRENCY_CODES } from '@/lib/money/currencies';
import { listStores } from '@/lib/stores/list-stores';
import { getAccount } from '@/lib/accounts/get-account';
import { CreateStoreForm } from './_components/create-store-form';
import { setStoreDisabledAction } from './actions';

export const metadata: Metadata = { title: 'Stores' };

export default async function StoresPage() {
  const actor = await requirePageActor('hq:view', '/hq/stores');
  const stores = await listStores(actor);
  const canManage = can(actor.role, 'stores:manage');
  const account = await getAccount(actor);
  return (
    <>
      <PageHeader title="Stores" description="Shops that sell and activate cards." />
      {canManage ? (
        <Card title="New store" className="mb-6">
          <CreateStoreForm currencies={[...CURRENCY_CODES]} defaultCurrency={account.defaultCurrency} />
        </Card>
      ) : null}
      <Card>
        <Table
          caption="Stores"
          columns={[
            { label: 'Name', className: 'py-2' },
            { label: 'Currency' },
            { label: 'Users' },
            { label: 'Status' },
            ...(canManage ? [{ label: 'Actions', isLabelHidden: true }] : []),
          ]}
        >
          {stores.map((store) => (
            <TableRow key={store.id}>
              <td className="py-2 font-medium">{store.name}</td>
              <td>{store.currency}</td>
              <td className="tabular-nums">{store._count.users}</td>
              <td>{store.isDisabled ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Active</Badge>}</td>
              {canManage ? (
                <td className="py-2 text-right">
                  <ToggleForm
                    action={setStoreDisabledAction}
                    fields={{ storeId: store.id, isDisabled: String(!store.isDisabled) }}
                    label={store.isDisabled ? `Enable ${store.name}` : `Disable ${store.name}`}
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
