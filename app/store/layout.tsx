import { signOutAction } from '@/app/_actions/sign-out';
import { AppShell } from '@/components/shell/app-shell';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { StoreChooser } from './_components/store-chooser';
import { currentCounterStore, isHeadOffice, listCounterStores } from './_lib/counter-store';

export const dynamic = 'force-dynamic';

export default async function StoreLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('store:use', '/store');
  const nav = [
    { href: '/store', label: 'Activate' },
    { href: '/store/balance', label: 'Balance lookup' },
    { href: '/store/today', label: 'Today at this store' },
  ];
  if (can(actor.role, 'hq:view')) nav.push({ href: '/hq', label: 'Head office' });
  const [stores, current] = isHeadOffice(actor) ? await Promise.all([listCounterStores(actor), currentCounterStore(actor)]) : [[], null];
  return (
    <AppShell area="Store counter" actor={actor} nav={nav} signOutAction={signOutAction}>
      {isHeadOffice(actor) ? <StoreChooser stores={stores} currentId={current?.id ?? null} /> : null}
      {children}
    </AppShell>
  );
}
