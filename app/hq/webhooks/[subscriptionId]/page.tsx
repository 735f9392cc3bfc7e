import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableRow } from '@/components/ui/table';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { INTL_LOCALES, isLocale } from '@/lib/i18n/locales';
import { formatDateTime } from '@/lib/time/format';
import { getSubscription } from '@/lib/webhooks/get-subscription';
import { listDeliveries } from '@/lib/webhooks/list-deliveries';
import { pingWebhookAction, redeliverWebhookAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqWebhooks'))('logTitle') };
}

const TONES = { delivered: 'good', failed: 'bad' } as const;

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ subscriptionId: string }> }) {
  const { subscriptionId } = await params;
  const actor = await requirePageActor('webhooks:manage', `/hq/webhooks/${subscriptionId}`);
  const t = await getTranslations('hqWebhooks');
  const locale = await getLocale();
  const subscription = await getSubscription(actor, subscriptionId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const [{ deliveries }, policy] = await Promise.all([listDeliveries(actor, subscriptionId, { limit: 100 }), getStorePolicy(actor)]);
  const when = (iso: string) => formatDateTime(iso, policy.timeZone, isLocale(locale) ? INTL_LOCALES[locale] : undefined);
  return (
    <>
      <PageHeader title={t('logTitle')} description={subscription.config.url} />
      <p className="mb-4 text-sm">
        <Link className="text-brand-700 underline" href="/hq/webhooks">
          {t('back')}
        </Link>
      </p>
      <Card>
        <div className="mb-4 flex justify-end">
          {subscription.active ? (
            <ToggleForm action={pingWebhookAction} fields={{ subscriptionId }} label={t('ping', { url: subscription.config.url })} />
          ) : null}
        </div>
        <Table
          caption={t('logTitle')}
          testId="delivery-log"
          columns={[
            { label: t('time'), className: 'py-2' },
            { label: t('event') },
            { label: t('status') },
            { label: t('httpStatus') },
            { label: t('latency') },
            { label: t('attempts') },
            { label: t('actions'), isLabelHidden: true },
          ]}
        >
          {deliveries.map((d) => (
            <TableRow key={d.id}>
              <td className="py-2 whitespace-nowrap">{when(d.created_at)}</td>
              <td className="font-mono text-xs">{d.event}</td>
              <td>
                <Badge tone={TONES[d.status as keyof typeof TONES] ?? 'neutral'}>{t(`statuses.${d.status as 'pending'}`)}</Badge>
                {d.last_error ? <span className="ml-2 text-xs text-slate-500">{d.last_error}</span> : null}
              </td>
              <td>{d.last_status_code ?? '–'}</td>
              <td>{d.last_latency_ms === undefined ? '–' : t('ms', { ms: d.last_latency_ms })}</td>
              <td>{d.attempts}</td>
              <td className="py-2 text-right">
                {subscription.active && (d.status === 'delivered' || d.status === 'failed') ? (
                  <ToggleForm action={redeliverWebhookAction} fields={{ subscriptionId, deliveryId: d.id }} label={t('redeliver')} />
                ) : null}
              </td>
            </TableRow>
          ))}
        </Table>
        {deliveries.length === 0 ? <p className="mt-4 text-sm text-slate-600">{t('noDeliveries')}</p> : null}
      </Card>
    </>
  );
}
