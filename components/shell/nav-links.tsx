'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
}

export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {items.map((item) => {
        const isCurrent = pathname === item.href || (item.href.split('/').length > 2 && pathname.startsWith(`${item.href}/`));
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isCurrent ? 'page' : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${isCurrent ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-200'}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
