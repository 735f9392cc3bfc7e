import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getAccount } from '@/lib/accounts/get-account';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { getDualControlSettings } from '@/lib/approvals/dual-control-settings';
import { requirePageActor } from '@/lib/edge/session';
import { DualControlForm } from './_components/dual-control-form';
import { DefaultLocaleForm } from './_components/default-locale-form';
import { StorePolicyForm } from './_components/store-policy-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqSettings'))('title') };
}

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function SettingsPage() {
  const actor = await requirePageActor('settings:manage', '/hq/settings');
  const [account, policy, dualControl, t, tApprovals] = await Promise.all([
    getAccount(actor),
    getStorePolicy(actor),
    getDualControlSettings(actor.accountId),
    getTranslations('hqSettings'),
    getTranslations('hqApprovals'),
  ]);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('policy')}>
        <StorePolicyForm policy={policy} currency={account.defaultCurrency} timeZones={timeZones()} />
      </Card>
      <Card title={t('language')} className="mt-6">
        <DefaultLocaleForm locale={account.defaultLocale} />
      </Card>
      <Card title={tApprovals('settings.title')} className="mt-6">
        <DualControlForm settings={dualControl} currency={account.defaultCurrency} />
      </Card>
    </>
  );
}
