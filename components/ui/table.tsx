import type { ComponentProps, ReactNode } from 'react';

export interface TableColumn {
  label: string;
  /** Read by screen readers only (an actions column). */
  isLabelHidden?: boolean;
  className?: string;
}

/**
 * The back office's data table: a caption for screen readers, column headers with `scope="col"`,
 * horizontal scrolling on narrow screens (give `className` a `min-w-[…]` for wide tables). Every
 * header and body cell gets horizontal padding, so neighbouring columns never run together
 * ("TimeCard"), whatever classes the caller's cells carry.
 */
export function Table({
  caption,
  columns,
  className = '',
  testId,
  children,
}: {
  caption: ReactNode;
  columns: TableColumn[];
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={`w-full text-left text-sm [&_td]:px-3 [&_th]:px-3 [&_th]:py-2 ${className}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.isLabelHidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function TableRow({ className = '', ...props }: ComponentProps<'tr'>) {
  return <tr className={`border-b border-slate-100 last:border-0 ${className}`} {...props} />;
}
