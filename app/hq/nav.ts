import type { NavItem } from '@/components/shell/nav-links';
import type { UserActor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';

export function hqNav(actor: UserActor): NavItem[] {
  const items: NavItem[] = [
    { href: '/hq', label: 'Dashboard' },
    { href: '/hq/print-runs', label: 'Print runs' },
    { href: '/hq/cards', label: 'Cards' },
    { href: '/hq/stores', label: 'Stores' },
  ];
  if (can(actor.role, 'reports:view')) items.push({ href: '/hq/reports', label: 'Reports' });
  if (can(actor.role, 'audit:view')) items.push({ href: '/hq/audit', label: 'Audit log' });
  if (can(actor.role, 'users:manage')) items.push({ href: '/hq/users', label: 'Users' });
  if (can(actor.role, 'apiClients:manage')) items.push({ href: '/hq/api-clients', label: 'API clients' });
  if (can(actor.role, 'approvals:decide')) items.push({ href: '/hq/approvals', label: 'Approvals' });
  if (can(actor.role, 'webhooks:manage')) items.push({ href: '/hq/webhooks', label: 'Webhooks' });
  if (can(actor.role, 'settings:manage')) items.push({ href: '/hq/settings', label: 'Settings' });
  items.push({ href: '/store', label: 'Store counter' });
  return items;
}
