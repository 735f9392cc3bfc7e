import type { PrintRunSummary } from '@/lib/print-runs/list-print-runs';

/** How people name a run: by its card-id range, or by its id when it has no scheme. */
export function printRunTitle(run: Pick<PrintRunSummary, 'id' | 'firstCardId' | 'lastCardId'>): string {
  if (run.firstCardId && run.lastCardId) return run.firstCardId === run.lastCardId ? run.firstCardId : `${run.firstCardId} – ${run.lastCardId}`;
  return `Batch ${run.id.slice(0, 8)}`;
}
