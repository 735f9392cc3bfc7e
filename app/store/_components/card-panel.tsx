'use client';
import { BlockCardForm } from '@/components/form/block-card-form';
import { CARD_TYPE_LABELS, STATUS_LABELS, type CounterCard } from '@/lib/counter/views';
import { blockAtCounterAction } from '../actions';

/** What the scanned card is: enough to tell it apart, never a secret (the token is masked). */
export function CardPanel({ card }: { card: CounterCard }) {
  const rows: [string, string][] = [
    ['Card', card.cardId],
    ['Token', card.maskedCode ?? '—'],
    ['Type', CARD_TYPE_LABELS[card.type]],
    ['Batch', card.batchLabel ?? '—'],
    ['Status', card.isBlocked ? 'Blocked' : STATUS_LABELS[card.status]],
  ];
  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm" data-testid="counter-card">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-medium break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {card.isBlocked ? null : (
        <details className="print:hidden">
          <summary className="cursor-pointer text-sm font-medium text-red-700">Block this card (lost, stolen, suspicious …)</summary>
          <div className="mt-2">
            <BlockCardForm action={blockAtCounterAction} cardId={card.cardId} />
          </div>
        </details>
      )}
    </div>
  );
}
