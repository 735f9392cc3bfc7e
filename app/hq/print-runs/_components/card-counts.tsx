import type { CardCounts } from '@/lib/print-runs/list-print-runs';

const BUCKETS = [
  ['inactive', 'Inactive'],
  ['unused', 'Unused'],
  ['active', 'Active'],
  ['expired', 'Expired'],
] as const;

/** Cards per state; the buckets are disjoint (an expired card is counted as expired only). */
export function CardCountsList({ counts, compact = false }: { counts: CardCounts; compact?: boolean }) {
  return (
    <dl className={compact ? 'grid grid-cols-[auto_auto] gap-x-3 text-xs' : 'grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4'}>
      {BUCKETS.map(([key, label]) => (
        <div key={key} className={compact ? 'contents' : 'flex flex-col'}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-semibold tabular-nums">{counts[key].toLocaleString('en-US')}</dd>
        </div>
      ))}
    </dl>
  );
}
