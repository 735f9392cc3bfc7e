import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listApiClients } from '@/lib/api-clients/list-api-clients';
import { requirePageActor } from '@/lib/edge/session';
import { ToggleForm } from '@/components/form/toggle-form';
import { CreateApiClientForm } from './_components/create-api-client-form';
import { revokeApiClientAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqApiClients'))('title') };
}

export default async function ApiClientsPage() {
  const actor = await requirePageActor('apiClients:manage', '/hq/api-clients');
  const clients = await listApiClients(actor);
  const t = await getTranslations('hqApiClients');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('new')} className="mb-6">
        <CreateApiClientForm />
      </Card>
      <Card>
        <Table
          caption={t('caption')}
          columns={[
            { label: t('columns.clientId'), className: 'py-2' },
            { label: t('columns.name') },
            { label: t('columns.scopes') },
            { label: t('columns.status') },
            { label: t('columns.actions'), isLabelHidden: true },
          ]}
        >
          {clients.map((client) => (
            <TableRow key={client.id}>
              <td className="py-2 font-mono">{client.clientId}</td>
              <td>{client.name}</td>
              <td className="font-mono text-xs">{client.scopes.join(' ')}</td>
              <td>{client.revokedAt ? <Badge tone="bad">{t('revoked')}</Badge> : <Badge tone="good">{t('active')}</Badge>}</td>
              <td className="py-2 text-right">
                {client.revokedAt ? null : (
                  <ToggleForm action={revokeApiClientAction} fields={{ apiClientId: client.id }} label={t('revoke', { clientId: client.clientId })} danger />
                )}
              </td>
            </TableRow>
          ))}
        </Table>
        <p className="mt-4 text-sm text-slate-600">
          {t.rich('tokens', {
            accountId: actor.accountId,
            code: (chunks) => <code className="font-mono">{chunks}</code>,
            link: (chunks) => (
              <a className="font-semibold text-brand-700 underline" href="/v1/openapi.json">
                {chunks}
              </a>
            ),
          })}
        </p>
      </Card>
    </>
  );
}
