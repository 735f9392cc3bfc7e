import { AppShell } from '@/components/shell/app-shell';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function StoreLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('store:use', '/store');
  const nav = [
    { href: '/store', label: 'Activate' },
    { href: '/store/balance', label: 'Balance lookup' },
  ];
  if (can(actor.role, 'hq:view')) nav.push({ href: '/hq', label: 'Head office' });
  return (
    <AppShell area="Store counter" actor={actor} nav={nav}>
      {children}
    </AppShell>
  );
}
