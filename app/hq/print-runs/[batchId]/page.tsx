import { Table, TableRow } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqPrintRuns.detail'))('metaTitle') };
}

const CARD_LIST_LIMIT = 100;
const LINK = 'inline-flex min-h-11 items-center rounded-md px-4 text-sm font-semibold';

type DetailT = Awaited<ReturnType<typeof getTranslations<'hqPrintRuns.detail'>>>;

function describeFormat(format: BatchSpec['pin_format'], t: DetailT): string {
  if (!format) return '—';
  const classes = [format.numbers && t('classes.numbers'), format.characters && t('classes.letters'), format.symbols && t('classes.symbols')].filter(Boolean).join(', ');
  return [t('format', { length: format.length, classes }), format.prefix ? t('prefix', { prefix: format.prefix }) : null, format.barcode ? t('barcode') : null]
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
  const t = await getTranslations('hqPrintRuns.detail');
  const tRuns = await getTranslations('hqPrintRuns');

  return (
    <>
      <PageHeader title={t('title', { name: printRunTitle(run, tRuns('batch', { id: run.id.slice(0, 8) })) })} description={t('description', { id: run.id })}>
        <div className="flex flex-wrap gap-2">
          <Link href="/hq/print-runs" className={`${LINK} text-brand-700 underline`}>
            {t('all')}
          </Link>
          {isReady ? (
            <a href={`/hq/print-runs/${run.id}/cards.csv`} download className={`${LINK} border border-slate-300 bg-white text-slate-900 hover:bg-slate-100`}>
              {t('export')}
            </a>
          ) : null}
          {mayRelease ? (
            <Link href={`/hq/print-runs/${run.id}/release`} className={`${LINK} bg-brand-600 text-white hover:bg-brand-700`}>
              {t('release')}
            </Link>
          ) : null}
        </div>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {run.status === 'FAILED' ? (
          <Alert tone="error">
            <p className="font-semibold">{t('failed')}</p>
            <p className="mt-1">{run.failureReason ?? t('noReason')}</p>
          </Alert>
        ) : null}

        {isFilling ? (
          <Card title={t('progress')}>
            <PrintRunProgress batchId={run.id} initial={{ status: run.status, cardsCreated: run.cardsCreated, quantity: run.quantity }} />
          </Card>
        ) : null}

        <Card title={t('details')}>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Fact label={t('status')}>
              <BatchStatusBadge status={run.status} />{' '}
              <span className="tabular-nums">
                {isFilling ? t('ordered', { quantity: run.quantity }) : t('created', { created: run.cardsCreated, quantity: run.quantity })}
              </span>
            </Fact>
            <Fact label={t('createdLabel')}>
              <When date={run.createdAt} /> {t('by', { who: run.createdBy })}
            </Fact>
            <Fact label={t('cardType')}>{t(`types.${run.type}`)}</Fact>
            <Fact label={t('cardIds')}>
              <span className="font-mono">{run.firstCardId && run.lastCardId ? `${run.firstCardId} … ${run.lastCardId}` : '—'}</span>
            </Fact>
            <Fact label={t('idScheme')}>
              {run.scheme
                ? t('scheme', { prefix: run.scheme.prefix, padWidth: run.scheme.padWidth, start: String(run.scheme.start), luhn: run.scheme.luhn ? 'yes' : 'no' })
                : t('apiScheme')}
            </Fact>
            <Fact label={t('tokenFormat')}>{describeFormat(run.tokenFormat, t)}</Fact>
            <Fact label={t('pinFormat')}>{describeFormat(run.pinFormat, t)}</Fact>
            <Fact label={t('manufacturer')}>{run.manufacturer ?? '—'}</Fact>
            <Fact label={t('purchaseOrder')}>{run.purchaseOrder ?? '—'}</Fact>
            {run.note ? (
              <div className="sm:col-span-2 lg:col-span-3">
                <Fact label={t('note')}>
                  <span className="whitespace-pre-wrap">{run.note}</span>
                </Fact>
              </div>
            ) : null}
          </dl>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t('byState')}>
            <CardCountsList counts={run.counts} />
          </Card>
          <Card title={t('secrets')}>
            <div className="flex flex-col gap-2 text-sm">
              <SecretsSummary secrets={run.secrets} />
              {run.secrets.state === 'RELEASED' && run.secrets.sha256 ? (
                <p className="text-xs text-slate-600">
                  {t('sha')} <code className="font-mono break-all">{run.secrets.sha256}</code>
                </p>
              ) : null}
              {run.secrets.state === 'AWAITING_RELEASE' && !isReady ? (
                <p className="text-xs text-slate-600">{t('releaseWhenReady')}</p>
              ) : null}
            </div>
          </Card>
        </div>

        <Card title={t('cards')}>
          {isReady ? (
            <>
              <p className="mb-3 text-sm text-slate-600">
                {run.cardsCreated > CARD_LIST_LIMIT
                  ? t('firstOf', { limit: CARD_LIST_LIMIT, total: run.cardsCreated })
                  : t('allOf', { total: run.cardsCreated })}{' '}
                {t('masked')}
              </p>
              <Table
                caption={t('caption')}
                columns={[{ label: t('cardId'), className: 'py-2 pr-4' }, { label: t('status'), className: 'pr-4' }, { label: t('maskedCode') }]}
                className="min-w-[480px]"
              >
                {cards.map((card) => (
                  <TableRow key={card.cardId}>
                    <td className="py-2 pr-4 font-mono">{card.cardId}</td>
                    <td className="pr-4">{card.expiresAt && card.expiresAt < new Date() ? t('expired', { status: t('cardStatus', { status: card.status }) }) : t('cardStatus', { status: card.status })}</td>
                    <td className="font-mono">{card.maskedCode ?? '—'}</td>
                  </TableRow>
                ))}
              </Table>
            </>
          ) : (
            <p className="text-sm text-slate-600">
              {run.status === 'FAILED' ? t('noCardsFailed') : t('listedWhenReady')}
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
