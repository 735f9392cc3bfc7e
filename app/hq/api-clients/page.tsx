import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listApiClients } from '@/lib/api-clients/list-api-clients';
import { requirePageActor } from '@/lib/edge/session';
import { ToggleForm } from '@/components/form/toggle-form';
import { CreateApiClientForm } from './_components/create-api-client-form';
import { revokeApiClientAction } from './actions';

export const metadata: Metadata = { title: 'API clients' };

export default async function ApiClientsPage() {
  const actor = await requirePageActor('apiClients:manage', '/hq/api-clients');
  const clients = await listApiClients(actor);
  return (
    <>
      <PageHeader title="API clients" description="Tills and web shops that use the Wallet API." />
      <Card title="New API client" className="mb-6">
        <CreateApiClientForm />
      </Card>
      <Card>
        <Table
          caption="API clients"
          columns={[
            { label: 'Client id', className: 'py-2' },
            { label: 'Name' },
            { label: 'Scopes' },
            { label: 'Status' },
            { label: 'Actions', isLabelHidden: true },
          ]}
        >
          {clients.map((client) => (
            <TableRow key={client.id}>
              <td className="py-2 font-mono">{client.clientId}</td>
              <td>{client.name}</td>
              <td className="font-mono text-xs">{client.scopes.join(' ')}</td>
              <td>{client.revokedAt ? <Badge tone="bad">Revoked</Badge> : <Badge tone="good">Active</Badge>}</td>
              <td className="py-2 text-right">
                {client.revokedAt ? null : (
                  <ToggleForm action={revokeApiClientAction} fields={{ apiClientId: client.id }} label={`Revoke ${client.clientId}`} danger />
                )}
              </td>
            </TableRow>
          ))}
        </Table>
        <p className="mt-4 text-sm text-slate-600">
          Clients get access tokens from <code className="font-mono">POST /v1/accounts/{actor.accountId}/auth/token</code>; see the{' '}
          <a className="font-semibold text-brand-700 underline" href="/v1/openapi.json">
            OpenAPI document
          </a>
          .
        </p>
      </Card>
    </>
  );
}
