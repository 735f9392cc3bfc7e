import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { getPrintRun, listBatchCards } from '@/lib/print-runs/get-print-run';
import { recordPrintRunView } from '@/lib/print-runs/release-secrets';
import type { BatchSpec } from '@/lib/print-runs/batch-spec';
import { BatchStatusBadge } from '../_components/batch-status-badge';
import { CardCountsList } from '../_components/card-counts';
import { PrintRunProgress } from '../_components/print-run-progress';
import { printRunTitle } from '../_components/print-run-title';
import { SecretsSummary } from '../_components/secrets-summary';
import { When } from '../_components/when';

export const metadata: Metadata = { title: 'Print run' };

const CARD_LIST_LIMIT = 100;
const TYPE_LABELS = { gift_card: 'Gift card', credit_note: 'Credit note' } as const;
const LINK = 'inline-flex min-h-11 items-center rounded-md px-4 text-sm font-semibold';

function describeFormat(format: BatchSpec['pin_format']): string {
  if (!format) return '—';
  const classes = [format.numbers && 'numbers', format.characters && 'letters', format.symbols && 'symbols'].filter(Boolean).join(', ');
  return [`${format.length} characters (${classes})`, format.prefix ? `prefix “${format.prefix}”` : null, format.barcode ? 'Code 128 barcode' : null]
    .filter(Boolean)
    .join(' · ');
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

async function loadRun(actor: Awaited<ReturnType<typeof requirePageActor>>, batchId: string) {
  try {
    return await getPrintRun(actor, batchId);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function PrintRunPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  const actor = await requirePageActor('hq:view', `/hq/print-runs/${encodeURIComponent(batchId)}`);
  const run = await loadRun(actor, batchId);
  await recordPrintRunView(actor, run.id, 'detail');
  const isReady = run.status === 'READY';
  const isFilling = run.status === 'PENDING' || run.status === 'RUNNING';
  const cards = isReady ? await listBatchCards(actor, run.id, CARD_LIST_LIMIT) : [];
  const mayRelease = can(actor.role, 'secrets:release') && isReady && run.secrets.state === 'AWAITING_RELEASE';

  return (
    <>
      <PageHeader title={`Print run ${printRunTitle(run)}`} description={`Batch ${run.id}`}>
        <div className="flex flex-wrap gap-2">
          <Link href="/hq/print-runs" className={`${LINK} text-brand-700 underline`}>
            All print runs
          </Link>
          {isReady ? (
            <a href={`/hq/print-runs/${run.id}/cards.csv`} download className={`${LINK} border border-slate-300 bg-white text-slate-900 hover:bg-slate-100`}>
              Export card ids (CSV)
            </a>
          ) : null}
          {mayRelease ? (
            <Link href={`/hq/print-runs/${run.id}/release`} className={`${LINK} bg-brand-600 text-white hover:bg-brand-700`}>
              Release print file
            </Link>
          ) : null}
        </div>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {run.status === 'FAILED' ? (
          <Alert tone="error">
            <p className="font-semibold">This print run failed; none of its cards were kept.</p>
            <p className="mt-1">{run.failureReason ?? 'No reason was recorded.'}</p>
          </Alert>
        ) : null}

        {isFilling ? (
          <Card title="Progress">
            <PrintRunProgress batchId={run.id} initial={{ status: run.status, cardsCreated: run.cardsCreated, quantity: run.quantity }} />
          </Card>
        ) : null}

        <Card title="Details">
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Fact label="Status">
              <BatchStatusBadge status={run.status} />{' '}
              <span className="tabular-nums">
                {isFilling
                  ? `${run.quantity.toLocaleString('en-US')} cards ordered`
                  : `${run.cardsCreated.toLocaleString('en-US')} / ${run.quantity.toLocaleString('en-US')} cards`}
              </span>
            </Fact>
            <Fact label="Created">
              <When date={run.createdAt} /> by {run.createdBy}
            </Fact>
            <Fact label="Card type">{TYPE_LABELS[run.type]}</Fact>
            <Fact label="Card ids">
              <span className="font-mono">{run.firstCardId && run.lastCardId ? `${run.firstCardId} … ${run.lastCardId}` : '—'}</span>
            </Fact>
            <Fact label="Id scheme">
              {run.scheme
                ? `“${run.scheme.prefix}” + ${run.scheme.padWidth} digits from ${run.scheme.start}${run.scheme.luhn ? ' + Luhn check digit' : ''}`
                : 'Card ids chosen by the API client'}
            </Fact>
            <Fact label="Token format">{describeFormat(run.tokenFormat)}</Fact>
            <Fact label="PIN format">{describeFormat(run.pinFormat)}</Fact>
            <Fact label="Manufacturer">{run.manufacturer ?? '—'}</Fact>
            <Fact label="Purchase order">{run.purchaseOrder ?? '—'}</Fact>
            {run.note ? (
              <div className="sm:col-span-2 lg:col-span-3">
                <Fact label="Note">
                  <span className="whitespace-pre-wrap">{run.note}</span>
                </Fact>
              </div>
            ) : null}
          </dl>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Cards by state">
            <CardCountsList counts={run.counts} />
          </Card>
          <Card title="Secrets">
            <div className="flex flex-col gap-2 text-sm">
              <SecretsSummary secrets={run.secrets} />
              {run.secrets.state === 'RELEASED' && run.secrets.sha256 ? (
                <p className="text-xs text-slate-600">
                  Print file SHA-256: <code className="font-mono break-all">{run.secrets.sha256}</code>
                </p>
              ) : null}
              {run.secrets.state === 'AWAITING_RELEASE' && !isReady ? (
                <p className="text-xs text-slate-600">The print file can be released once the run is ready.</p>
              ) : null}
            </div>
          </Card>
        </div>

        <Card title="Cards">
          {isReady ? (
            <>
              <p className="mb-3 text-sm text-slate-600">
                {run.cardsCreated > CARD_LIST_LIMIT
                  ? `The first ${CARD_LIST_LIMIT} of ${run.cardsCreated.toLocaleString('en-US')} cards; export the CSV for all of them.`
                  : `All ${run.cardsCreated.toLocaleString('en-US')} cards.`}{' '}
                Codes are masked; secrets are only in the one-time print file.
              </p>
              <Table
                caption="Cards of this print run"
                columns={[{ label: 'Card id', className: 'py-2 pr-4' }, { label: 'Status', className: 'pr-4' }, { label: 'Masked code' }]}
                className="min-w-[480px]"
              >
                {cards.map((card) => (
                  <TableRow key={card.cardId}>
                    <td className="py-2 pr-4 font-mono">{card.cardId}</td>
                    <td className="pr-4">{card.expiresAt && card.expiresAt < new Date() ? `${card.status} (expired)` : card.status}</td>
                    <td className="font-mono">{card.maskedCode ?? '—'}</td>
                  </TableRow>
                ))}
              </Table>
            </>
          ) : (
            <p className="text-sm text-slate-600">
              {run.status === 'FAILED' ? 'No cards: the run failed.' : 'The cards are listed here once the run is ready.'}
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
