import { signOutAction } from '@/app/_actions/sign-out';
import { AppShell } from '@/components/shell/app-shell';
import { requirePageActor } from '@/lib/edge/session';
import { hqNav } from './nav';

export const dynamic = 'force-dynamic';

// Each page checks its own permission too: layouts and pages render in parallel, so a layout's
// check alone would not keep a page's data from being read.
export default async function HqLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('hq:view', '/hq');
  return (
    <AppShell area="Head office" actor={actor} nav={hqNav(actor)} signOutAction={signOutAction}>
      {children}
    </AppShell>
  );
}
