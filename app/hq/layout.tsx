import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/_actions/sign-out';
import { AppShell } from '@/components/shell/app-shell';
import { requirePageActor } from '@/lib/edge/session';
import { hqNav } from './nav';

export const dynamic = 'force-dynamic';

// Each page checks its own permission too: layouts and pages render in parallel, so a layout's
// check alone would not keep a page's data from being read.
export default async function HqLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('hq:view', '/hq');
  const t = await getTranslations('hqShell');
  const tNav = await getTranslations('hqShell.nav');
  return (
    <AppShell area={t('area')} actor={actor} nav={hqNav(actor, (key) => tNav(key as Parameters<typeof tNav>[0]))} signOutAction={signOutAction}>
      {children}
    </AppShell>
  );
}
