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
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API clients</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2">Client id</th>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {clients.map((client) => (
              <tr key={client.id} className="border-b border-slate-100 last:border-0">
                <td className="py-2 font-mono">{client.clientId}</td>
                <td>{client.name}</td>
                <td className="font-mono text-xs">{client.scopes.join(' ')}</td>
                <td>{client.revokedAt ? <Badge tone="bad">Revoked</Badge> : <Badge tone="good">Active</Badge>}</td>
                <td className="py-2 text-right">
                  {client.revokedAt ? null : (
                    <ToggleForm action={revokeApiClientAction} fields={{ apiClientId: client.id }} label={`Revoke ${client.clientId}`} danger />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
