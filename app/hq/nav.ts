import type { NavItem } from '@/components/shell/nav-links';
import type { UserActor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';

/** HQ's navigation; `t` is the hqShell.nav translator (labels in the user's language). */
export function hqNav(actor: UserActor, t: (key: string) => string): NavItem[] {
  const items: NavItem[] = [
    { href: '/hq', label: t('dashboard') },
    { href: '/hq/print-runs', label: t('printRuns') },
    { href: '/hq/cards', label: t('cards') },
    { href: '/hq/stores', label: t('stores') },
  ];
  if (can(actor.role, 'reports:view')) items.push({ href: '/hq/reports', label: t('reports') });
  if (can(actor.role, 'audit:view')) items.push({ href: '/hq/audit', label: t('audit') });
  if (can(actor.role, 'users:manage')) items.push({ href: '/hq/users', label: t('users') });
  if (can(actor.role, 'apiClients:manage')) items.push({ href: '/hq/api-clients', label: t('apiClients') });
  if (can(actor.role, 'approvals:decide')) items.push({ href: '/hq/approvals', label: t('approvals') });
  if (can(actor.role, 'webhooks:manage')) items.push({ href: '/hq/webhooks', label: t('webhooks') });
  if (can(actor.role, 'settings:manage')) items.push({ href: '/hq/settings', label: t('settings') });
  items.push({ href: '/hq/profile', label: t('profile') });
  items.push({ href: '/store', label: t('storeCounter') });
  return items;
}
