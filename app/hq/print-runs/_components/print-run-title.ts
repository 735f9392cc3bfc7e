import type { PrintRunSummary } from '@/lib/print-runs/list-print-runs';

/** How people name a run: by its card-id range, or (`fallback`, translated: "Batch 1a2b3c4d") when it has no scheme. */
export function printRunTitle(run: Pick<PrintRunSummary, 'id' | 'firstCardId' | 'lastCardId'>, fallback: string): string {
  if (run.firstCardId && run.lastCardId) return run.firstCardId === run.lastCardId ? run.firstCardId : `${run.firstCardId} – ${run.lastCardId}`;
  return fallback;
}
