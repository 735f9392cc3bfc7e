import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
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

export const metadata: Metadata = { title: 'Release print file' };

const FORM_ERRORS: Record<string, string> = {
  password: 'Password incorrect',
  attempts: 'Too many incorrect passwords. Try again in 15 minutes.',
};

function When({ at }: { at: Date | null }) {
  return at ? <WhenDate date={at} /> : <>an unknown time</>;
}

function Summary({ run }: { run: PrintRunRelease }) {
  const rows: [string, React.ReactNode][] = [
    ['Card ids', run.firstCardId ? `${run.firstCardId} – ${run.lastCardId ?? run.firstCardId}` : '—'],
    ['Quantity', run.quantity.toLocaleString('en-US')],
    ['Status', <BatchStatusBadge key="status" status={run.status} />],
    ['Manufacturer', run.manufacturer ?? '—'],
    ['Purchase order', run.purchaseOrder ?? '—'],
    ['Ordered', <When key="ordered" at={run.createdAt} />],
  ];
  if (run.secretsState === 'AWAITING_RELEASE') {
    rows.push(['Secrets destroyed if not released by', <When key="deadline" at={run.secretsDeadline} />]);
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
  if (run.released) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">
          Released by <strong>{run.released.by}</strong> at <When at={run.released.at} />. The secrets have been destroyed; nobody can download them again.
        </Alert>
        <div>
          <p className="text-sm font-medium text-slate-800" id="sha256-label">
            SHA-256 of the print file
          </p>
          <code
            data-testid="print-file-sha256"
            aria-labelledby="sha256-label"
            className="mt-1 block break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm"
          >
            {run.released.sha256 ?? 'not recorded'}
          </code>
          <p className="mt-1 text-xs text-slate-500">The manufacturer&apos;s copy is intact when its SHA-256 is this value.</p>
        </div>
        <SaveAgain batchId={run.id} />
      </div>
    );
  }
  if (run.secretsState === 'DESTROYED') {
    return (
      <Alert tone="info">
        The secrets of this print run were destroyed unreleased at <When at={run.destroyedAt} />. The print file can no longer be made.
      </Alert>
    );
  }
  if (run.status === 'FAILED') {
    return <Alert tone="error">This print run failed{run.failureReason ? `: ${run.failureReason}` : ''}. It has no print file.</Alert>;
  }
  if (!run.isReleasable) {
    return (
      <Alert tone="info">
        The print run is still being created ({run.cardsCreated.toLocaleString('en-US')} of {run.quantity.toLocaleString('en-US')} cards). The print file can be
        downloaded once it is ready.
      </Alert>
    );
  }
  const pagePath = `/hq/print-runs/${run.id}/release`;
  return (
    <div className="flex flex-col gap-4">
      <div id="release-warning" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-semibold">This release works once.</p>
        <p className="mt-1">
          When this page has received the whole file and confirmed its SHA-256, the card tokens and PINs are destroyed: nobody can get them again — not from
          this page, the API or the database. Keep the file safe until {run.manufacturer ?? 'the card manufacturer'} has it. A download that breaks off, or a
          file that does not match, uses nothing up; you can then try again.
        </p>
      </div>
      {run.releaseInProgressSince ? (
        <Alert tone="info">
          A download of this print file started at <When at={run.releaseInProgressSince} /> and has not finished. Another one can start when it breaks off, or a
          minute after it stalled (or its server stopped).
        </Alert>
      ) : null}
      {run.unconfirmedDownload ? (
        <Alert tone="info">
          <span data-testid="unconfirmed-download">
            {run.unconfirmedDownload.by} downloaded the print file at <When at={run.unconfirmedDownload.at} />, but its receipt has not been confirmed, so the
            secrets are kept. Confirm the file below, or download it again.
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
  return (
    <>
      <PageHeader title="Release print file" description={`Print run ${range}: the one-time download of its card tokens and PINs for the manufacturer.`}>
        <Link href={`/hq/print-runs/${run.id}`} className="text-sm font-semibold text-brand-700 underline">
          Back to the print run
        </Link>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Print run">
          <Summary run={run} />
        </Card>
        <Card title="Print file">
          <ReleaseState run={run} gate={gate} accountId={actor.accountId} error={typeof error === 'string' ? FORM_ERRORS[error] : undefined} />
        </Card>
      </div>
    </>
  );
}
