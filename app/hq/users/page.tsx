import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { listStores } from '@/lib/stores/list-stores';
import { listUsers } from '@/lib/users/list-users';
import { AssignStoreForm } from './_components/assign-store-form';
import { CreateUserForm } from './_components/create-user-form';
import { setUserDisabledAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqUsers'))('title') };
}

export default async function UsersPage() {
  const actor = await requirePageActor('users:manage', '/hq/users');
  const [users, stores] = await Promise.all([listUsers(actor), listStores(actor)]);
  const t = await getTranslations('hqUsers');
  const tRoles = await getTranslations('shell.roles');
  const activeStores = stores.filter((s) => !s.isDisabled).map((s) => ({ id: s.id, name: s.name }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('new')} className="mb-6">
        <CreateUserForm stores={activeStores} />
      </Card>
      <Card>
        <Table
          caption={t('caption')}
          columns={[
            { label: t('columns.email'), className: 'py-2' },
            { label: t('columns.role') },
            { label: t('columns.store') },
            { label: t('columns.status') },
            { label: t('columns.actions'), isLabelHidden: true },
          ]}
          className="min-w-[640px]"
        >
          {users.map((user) => (
            <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
              <td className="py-2">
                <div className="font-medium">{user.email}</div>
                {user.name ? <div className="text-xs text-slate-500">{user.name}</div> : null}
              </td>
              <td>{tRoles(user.role)}</td>
              <td>
                {user.role === 'CLERK' ? (
                  <AssignStoreForm userId={user.id} email={user.email} currentStoreId={user.store?.id ?? null} stores={activeStores} />
                ) : (
                  <span className="text-slate-500">{t('allStores')}</span>
                )}
              </td>
              <td>{user.isDisabled ? <Badge tone="bad">{t('disabled')}</Badge> : <Badge tone="good">{t('active')}</Badge>}</td>
              <td className="py-2 text-right">
                {user.id === actor.userId ? (
                  <span className="text-xs text-slate-500">{t('you')}</span>
                ) : (
                  <ToggleForm
                    action={setUserDisabledAction}
                    fields={{ userId: user.id, isDisabled: String(!user.isDisabled) }}
                    label={user.isDisabled ? t('enable', { email: user.email }) : t('disable', { email: user.email })}
                    danger={!user.isDisabled}
                  />
                )}
              </td>
            </TableRow>
          ))}
        </Table>
      </Card>
    </>
  );
}
