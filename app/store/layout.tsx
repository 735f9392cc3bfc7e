import { getTranslations } from 'next-intl/server';
import { setLocaleAction } from '@/app/_actions/set-locale';
import { signOutAction } from '@/app/_actions/sign-out';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { AppShell } from '@/components/shell/app-shell';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { StoreChooser } from './_components/store-chooser';
import { currentCounterStore, isHeadOffice, listCounterStores } from './_lib/counter-store';

export const dynamic = 'force-dynamic';

export default async function StoreLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('store:use', '/store');
  const t = await getTranslations('store');
  const nav = [
    { href: '/store', label: t('nav.activate') },
    { href: '/store/balance', label: t('nav.balance') },
    { href: '/store/today', label: t('nav.today') },
    { href: '/store/profile', label: t('nav.profile') },
  ];
  if (can(actor.role, 'hq:view')) nav.push({ href: '/hq', label: t('nav.headOffice') });
  const [stores, current] = isHeadOffice(actor) ? await Promise.all([listCounterStores(actor), currentCounterStore(actor)]) : [[], null];
  return (
    <AppShell area={t('area')} actor={actor} nav={nav} signOutAction={signOutAction}>
      <div className="mb-4 flex justify-end print:hidden">
        <LanguageSwitch action={setLocaleAction} />
      </div>
      {isHeadOffice(actor) ? <StoreChooser stores={stores} currentId={current?.id ?? null} /> : null}
      {children}
    </AppShell>
  );
}
