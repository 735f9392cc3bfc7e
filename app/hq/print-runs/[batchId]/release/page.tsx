import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getPrintReleaseGate, type PrintReleaseGate } from '@/lib/approvals/print-release';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { getPrintRunRelease, recordPrintRunView, type PrintRunRelease } from '@/lib/print-runs/release-secrets';
import { BatchStatusBadge } from '../../_components/batch-status-badge';
import { When as WhenDate } from '../../_components/when';
import { ConfirmForm } from './_components/confirm-form';
import { DualControlNotice } from './_components/dual-control-notice';
import { ReleaseForm } from './_components/release-form';
import { SaveAgain } from './_components/save-again';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqPrintRuns.release'))('metaTitle') };
}

const FORM_ERRORS = ['password', 'attempts'] as const;

function When({ at }: { at: Date | null }) {
  const t = useTranslations('hqPrintRuns.release');
  return at ? <WhenDate date={at} /> : <>{t('unknownTime')}</>;
}

function Summary({ run }: { run: PrintRunRelease }) {
  const t = useTranslations('hqPrintRuns.release.summary');
  const format = useFormatter();
  const rows: [string, React.ReactNode][] = [
    [t('cardIds'), run.firstCardId ? `${run.firstCardId} – ${run.lastCardId ?? run.firstCardId}` : '—'],
    [t('quantity'), format.number(run.quantity)],
    [t('status'), <BatchStatusBadge key="status" status={run.status} />],
    [t('manufacturer'), run.manufacturer ?? '—'],
    [t('purchaseOrder'), run.purchaseOrder ?? '—'],
    [t('ordered'), <When key="ordered" at={run.createdAt} />],
  ];
  if (run.secretsState === 'AWAITING_RELEASE') {
    rows.push([t('deadline'), <When key="deadline" at={run.secretsDeadline} />]);
  }
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-600">{label}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ReleaseState({ run, error, gate, accountId }: { run: PrintRunRelease; error?: string; gate: PrintReleaseGate; accountId: string }) {
  const t = useTranslations('hqPrintRuns.release');
  if (run.released) {
    const released = run.released;
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">
          {t.rich('released', { who: released.by, b: (chunks) => <strong>{chunks}</strong>, when: () => <When at={released.at} /> })}
        </Alert>
        <div>
          <p className="text-sm font-medium text-slate-800" id="sha256-label">
            {t('shaLabel')}
          </p>
          <code
            data-testid="print-file-sha256"
            aria-labelledby="sha256-label"
            className="mt-1 block break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm"
          >
            {run.released.sha256 ?? t('notRecorded')}
          </code>
          <p className="mt-1 text-xs text-slate-500">{t('shaHint')}</p>
        </div>
        <SaveAgain batchId={run.id} />
      </div>
    );
  }
  if (run.secretsState === 'DESTROYED') {
    return (
      <Alert tone="info">
        {t.rich('destroyed', { when: () => <When at={run.destroyedAt} /> })}
      </Alert>
    );
  }
  if (run.status === 'FAILED') {
    return <Alert tone="error">{t('failed', { reason: run.failureReason ?? 'none' })}</Alert>;
  }
  if (!run.isReleasable) {
    return (
      <Alert tone="info">
        {t('notReady', { created: run.cardsCreated, quantity: run.quantity })}
      </Alert>
    );
  }
  const pagePath = `/hq/print-runs/${run.id}/release`;
  return (
    <div className="flex flex-col gap-4">
      <div id="release-warning" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-semibold">{t('once')}</p>
        <p className="mt-1">{t('onceText', { manufacturer: run.manufacturer ?? t('theManufacturer') })}</p>
      </div>
      {run.releaseInProgressSince ? (
        <Alert tone="info">
          {t.rich('inProgress', { when: () => <When at={run.releaseInProgressSince} /> })}
        </Alert>
      ) : null}
      {run.unconfirmedDownload ? (
        <Alert tone="info">
          <span data-testid="unconfirmed-download">
            {t.rich('unconfirmed', { who: run.unconfirmedDownload.by, when: () => <When at={run.unconfirmedDownload?.at ?? null} /> })}
          </span>
        </Alert>
      ) : null}
      {gate.required ? <DualControlNotice gate={gate} batchId={run.id} accountId={accountId} /> : null}
      {gate.required && !gate.canDownload ? null : (
        <ReleaseForm action={`${pagePath}/print-file`} batchId={run.id} error={error} describedBy="release-warning" />
      )}
      {run.unconfirmedDownload ? <ConfirmForm batchId={run.id} /> : null}
    </div>
  );
}

export default async function ReleasePrintFilePage({
  params,
  searchParams,
}: {
  params: Promise<{ batchId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { batchId } = await params;
  const { error } = await searchParams;
  const actor = await requirePageActor('secrets:release', `/hq/print-runs/${batchId}/release`);
  let run: PrintRunRelease;
  try {
    run = await getPrintRunRelease(actor, batchId);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  await recordPrintRunView(actor, run.id);
  const gate = await getPrintReleaseGate(actor, { id: run.id, accountId: actor.accountId, quantity: run.quantity });
  const range = run.firstCardId ? `${run.firstCardId} – ${run.lastCardId ?? run.firstCardId}` : run.id;
  const t = await getTranslations('hqPrintRuns.release');
  const formError = FORM_ERRORS.find((e) => e === error);
  return (
    <>
      <PageHeader title={t('title')} description={t('description', { range })}>
        <Link href={`/hq/print-runs/${run.id}`} className="text-sm font-semibold text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('runCard')}>
          <Summary run={run} />
        </Card>
        <Card title={t('fileCard')}>
          <ReleaseState run={run} gate={gate} accountId={actor.accountId} error={formError ? t(`errors.${formError}`) : undefined} />
        </Card>
      </div>
    </>
  );
}
