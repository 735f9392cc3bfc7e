'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';

interface Progress {
  status: 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  cardsCreated: number;
  quantity: number;
}

const POLL_MS = 1_000;

/**
 * The live fill progress of a run that is still being created: polls the progress endpoint every
 * second and, once the run is ready or has failed, refreshes the page to show the outcome.
 */
export function PrintRunProgress({ batchId, initial }: { batchId: string; initial: Progress }) {
  const router = useRouter();
  const t = useTranslations('hqPrintRuns.progress');
  const [progress, setProgress] = useState(initial);
  const initialStatus = initial.status;
  const [problem, setProblem] = useState<'gone' | 'retrying' | null>(null);

  useEffect(() => {
    let isStopped = false;
    let lastStatus = initialStatus;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/hq/print-runs/${batchId}/progress`, { cache: 'no-store', headers: { accept: 'application/json' } });
        if (isStopped) return;
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          // Signed out or lost access: stop asking; a reload shows why.
          setProblem('gone');
          return;
        }
        if (!response.ok) throw new Error(`progress: HTTP ${response.status}`);
        const next = (await response.json()) as Progress;
        if (isStopped) return;
        setProgress(next);
        setProblem(null);
        // The rest of the page shows the status too: refresh it when the status moves on.
        if (next.status !== lastStatus) router.refresh();
        lastStatus = next.status;
        if (next.status === 'READY' || next.status === 'FAILED') return;
      } catch {
        if (!isStopped) setProblem('retrying');
      }
      if (!isStopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      isStopped = true;
      clearTimeout(timer);
    };
  }, [batchId, initialStatus, router]);

  const percent = progress.quantity > 0 ? Math.floor((progress.cardsCreated / progress.quantity) * 100) : 0;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="fill-progress" className="text-sm font-medium text-slate-800">
        {progress.status === 'PENDING' ? t('waiting') : t('creating')}
      </label>
      <progress
        id="fill-progress"
        max={progress.quantity}
        value={progress.cardsCreated}
        aria-valuetext={t('valueText', { percent, created: progress.cardsCreated, quantity: progress.quantity })}
        className="h-3 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
      />
      <p className="text-sm text-slate-600 tabular-nums" aria-live="polite">
        {t('count', { created: progress.cardsCreated, quantity: progress.quantity, percent })}
      </p>
      {problem ? <p className="text-sm text-red-700">{t(problem)}</p> : null}
    </div>
  );
}
