import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableRow } from '@/components/ui/table';
import { requirePageActor } from '@/lib/edge/session';
import { listSubscriptions } from '@/lib/webhooks/list-subscriptions';
import { CreateWebhookForm } from './_components/create-webhook-form';
import { deleteWebhookAction, pingWebhookAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqWebhooks'))('title') };
}

export default async function WebhooksPage() {
  const actor = await requirePageActor('webhooks:manage', '/hq/webhooks');
  const t = await getTranslations('hqWebhooks');
  const { subscriptions } = await listSubscriptions(actor);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('newTitle')} className="mb-6">
        <CreateWebhookForm />
      </Card>
      <Card>
        <Table
          caption={t('title')}
          columns={[
            { label: t('url'), className: 'py-2' },
            { label: t('events') },
            { label: t('status') },
            { label: t('health') },
            { label: t('actions'), isLabelHidden: true },
          ]}
        >
          {subscriptions.map((s) => (
            <TableRow key={s.id}>
              <td className="py-2">
                <Link className="font-mono text-brand-700 underline" href={`/hq/webhooks/${s.id}`}>
                  {s.config.url}
                </Link>
              </td>
              <td className="font-mono text-xs">{s.events.join(' ')}</td>
              <td>{s.active ? <Badge tone="good">{t('active')}</Badge> : <Badge>{t('inactive')}</Badge>}</td>
              <td>
                {s.health === 'failing' ? (
                  <Badge tone="bad">{t('failing', { count: s.consecutive_failures })}</Badge>
                ) : (
                  <Badge tone="good">{t('healthy')}</Badge>
                )}
              </td>
              <td className="py-2">
                <div className="flex justify-end gap-2">
                  {s.active ? <ToggleForm action={pingWebhookAction} fields={{ subscriptionId: s.id }} label={t('ping', { url: s.config.url })} /> : null}
                  <ToggleForm action={deleteWebhookAction} fields={{ subscriptionId: s.id }} label={t('delete', { url: s.config.url })} danger />
                </div>
              </td>
            </TableRow>
          ))}
        </Table>
        {subscriptions.length === 0 ? <p className="mt-4 text-sm text-slate-600">{t('none')}</p> : null}
        <p className="mt-4 text-sm text-slate-600">{t('verifyHint')}</p>
      </Card>
    </>
  );
}
