import { Button } from '@/components/ui/button';
import type { UserActor } from '@/lib/auth/actor';
import { useTranslations } from 'next-intl';
import { NavLinks, type NavItem } from './nav-links';

/** The product's name (not translated). */
const PRODUCT = 'Cardstock';

/** The frame of every signed-in page: who is signed in, where they are, and the way out. */
export function AppShell({
  area,
  actor,
  nav,
  signOutAction,
  children,
}: {
  area: string;
  actor: UserActor;
  nav: NavItem[];
  /** The sign-out server action (app/_actions/sign-out.ts), passed in: components/ import nothing from app/. */
  signOutAction: () => Promise<void>;
  children: React.ReactNode;
}) {
  const t = useTranslations('shell');
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        {t('skip')}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-baseline gap-3">
            <span className="text-lg font-bold text-brand-900">{PRODUCT}</span>
            <span className="text-sm text-slate-500">{area}</span>
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="signed-in-user">
            <div className="text-right leading-tight">
              <div className="font-medium">{actor.email}</div>
              <div className="text-slate-500">
                <span>{t(`roles.${actor.role}`)}</span>
                {' · '}
                <span>{actor.storeName ?? actor.accountName}</span>
              </div>
            </div>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" size="sm">
                {t('signOut')}
              </Button>
            </form>
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 pb-2">
          <NavLinks items={nav} label={t('navigation', { area })} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 print:m-0 print:max-w-none print:p-0">
        {children}
      </main>
    </div>
  );
}
