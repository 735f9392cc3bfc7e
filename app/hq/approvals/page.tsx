import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableRow } from '@/components/ui/table';
import { listApprovals } from '@/lib/approvals/list-approvals';
import { requirePageActor } from '@/lib/edge/session';
import { When } from '../print-runs/_components/when';
import { DecideForm } from './_components/decide-form';
import { RequestSummary } from './_components/request-summary';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqApprovals'))('title') };
}

const TONES = { executed: 'good', approved: 'good', rejected: 'bad', expired: 'neutral', pending: 'neutral' } as const;

export default async function ApprovalsPage() {
  const actor = await requirePageActor('approvals:decide', '/hq/approvals');
  const t = await getTranslations('hqApprovals');
  const { waiting, mine, decided } = await listApprovals(actor);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('waitingTitle')} className="mb-6">
        {waiting.length === 0 ? <p className="text-sm text-slate-600">{t('noneWaiting')}</p> : null}
        <ul className="flex flex-col gap-6" data-testid="approvals-waiting">
          {waiting.map((r) => (
            <li key={r.id} className="grid gap-3 border-b border-slate-100 pb-4 last:border-0 md:grid-cols-2" data-testid={`approval-${r.id}`}>
              <div className="flex flex-col gap-1 text-sm">
                <p className="font-semibold">{t(`kinds.${r.kind as 'print_release'}`)}</p>
                <RequestSummary request={r} />
                <p>{t('requestedBy', { who: r.requestedByName })}</p>
                <p>{t.rich('reasonQuoted', { reason: r.reason, q: (chunks) => <q>{chunks}</q> })}</p>
                <p className="text-xs text-slate-500">
                  {t('asked')} <When date={r.createdAt} /> · {t('expires')} <When date={r.expiresAt} />
                </p>
              </div>
              <DecideForm requestId={r.id} canApprove />
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('mineTitle')}>
        <Table
          caption={t('mineTitle')}
          testId="approvals-mine"
          columns={[{ label: t('asked'), className: 'py-2' }, { label: t('kind') }, { label: t('reason') }, { label: t('status') }, { label: t('decision') }]}
        >
          {mine.map((r) => (
            <RequestRow key={r.id} request={r} who={r.reason} t={t} canWithdraw />
          ))}
        </Table>
        {mine.length === 0 ? <p className="mt-4 text-sm text-slate-600">{t('noneMine')}</p> : null}
      </Card>
      {decided.length > 0 ? (
        <Card title={t('decidedTitle')} className="mt-6">
          <Table
            caption={t('decidedTitle')}
            testId="approvals-decided"
            columns={[
              { label: t('asked'), className: 'py-2' },
              { label: t('kind') },
              { label: t('requester') },
              { label: t('status') },
              { label: t('decision') },
            ]}
          >
            {decided.map((r) => (
              <RequestRow key={r.id} request={r} who={r.requestedByName} t={t} />
            ))}
          </Table>
        </Card>
      ) : null}
    </>
  );
}

type Request = Awaited<ReturnType<typeof listApprovals>>['mine'][number];

/**
 * One request in the "mine" and "decided" tables: when, what, the third column (the reason for
 * one's own requests, the requester for others'), status, and the decision with who made it. A
 * requester may still withdraw their own pending request here.
 */
function RequestRow({
  request: r,
  who,
  t,
  canWithdraw = false,
}: {
  request: Request;
  who: string;
  t: Awaited<ReturnType<typeof getTranslations<'hqApprovals'>>>;
  canWithdraw?: boolean;
}) {
  return (
    <TableRow>
      <td className="py-2 whitespace-nowrap">
        <When date={r.createdAt} />
      </td>
      <td>
        <p>{t(`kinds.${r.kind as 'print_release'}`)}</p>
        <p className="text-xs text-slate-600">
          <RequestSummary request={r} />
        </p>
      </td>
      <td>{who}</td>
      <td>
        <Badge tone={TONES[r.status]}>{t(`statuses.${r.status}`)}</Badge>
      </td>
      <td className="text-xs">
        {r.approvedByName ? t('approvedBy', { who: r.approvedByName }) : null}
        {r.rejectedByName ? t('rejectedBy', { who: r.rejectedByName }) : null}
        {r.decisionNote ? (
          <>
            {' '}
            <q>{r.decisionNote}</q>
          </>
        ) : null}
        {canWithdraw && r.status === 'pending' ? <DecideForm requestId={r.id} canApprove={false} /> : null}
      </td>
    </TableRow>
  );
}
