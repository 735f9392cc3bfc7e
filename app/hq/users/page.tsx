import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { listStores } from '@/lib/stores/list-stores';
import { listUsers } from '@/lib/users/list-users';
import { AssignStoreForm } from './_components/assign-store-form';
import { CreateUserForm } from './_components/create-user-form';
import { setUserDisabledAction } from './actions';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePageActor('users:manage', '/hq/users');
  const [users, stores] = await Promise.all([listUsers(actor), listStores(actor)]);
  const activeStores = stores.filter((s) => !s.isDisabled).map((s) => ({ id: s.id, name: s.name }));
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, with which role, at which store." />
      <Card title="New user" className="mb-6">
        <CreateUserForm stores={activeStores} />
      </Card>
      <Card>
        <Table
          caption="Users"
          columns={[
            { label: 'Email', className: 'py-2' },
            { label: 'Role' },
            { label: 'Store' },
            { label: 'Status' },
            { label: 'Actions', isLabelHidden: true },
          ]}
          className="min-w-[640px]"
        >
          {users.map((user) => (
            <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
              <td className="py-2">
                <div className="font-medium">{user.email}</div>
                {user.name ? <div className="text-xs text-slate-500">{user.name}</div> : null}
              </td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>
                {user.role === 'CLERK' ? (
                  <AssignStoreForm userId={user.id} email={user.email} currentStoreId={user.store?.id ?? null} stores={activeStores} />
                ) : (
                  <span className="text-slate-500">All stores</span>
                )}
              </td>
              <td>{user.isDisabled ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Active</Badge>}</td>
              <td className="py-2 text-right">
                {user.id === actor.userId ? (
                  <span className="text-xs text-slate-500">You</span>
                ) : (
                  <ToggleForm
                    action={setUserDisabledAction}
                    fields={{ userId: user.id, isDisabled: String(!user.isDisabled) }}
                    label={user.isDisabled ? `Enable ${user.email}` : `Disable ${user.email}`}
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
