import { useFormatter, useTranslations } from 'next-intl';
import type { CardCounts } from '@/lib/print-runs/list-print-runs';

const BUCKETS = ['inactive', 'unused', 'active', 'expired'] as const;

/** Cards per state; the buckets are disjoint (an expired card is counted as expired only). */
export function CardCountsList({ counts, compact = false }: { counts: CardCounts; compact?: boolean }) {
  const t = useTranslations('hqPrintRuns.buckets');
  const format = useFormatter();
  return (
    <dl className={compact ? 'grid grid-cols-[auto_auto] gap-x-3 text-xs' : 'grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4'}>
      {BUCKETS.map((key) => (
        <div key={key} className={compact ? 'contents' : 'flex flex-col'}>
          <dt className="text-slate-600">{t(key)}</dt>
          <dd className="font-semibold tabular-nums">{format.number(counts[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
