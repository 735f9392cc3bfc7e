import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import type { PrintReleaseGate } from '@/lib/approvals/print-release';
import { describeActorRefs } from '@/lib/auth/describe-actor-refs';
import { When } from '../../../_components/when';
import { RequestApprovalForm } from './request-approval-form';

/** Where a large run's release stands with its second admin: ask, waiting, approved (by whom), or "not you". */
export async function DualControlNotice({
  gate,
  batchId,
  accountId,
}: {
  gate: Extract<PrintReleaseGate, { required: true }>;
  batchId: string;
  accountId: string;
}) {
  const t = await getTranslations('hqApprovals');
  const r = gate.request;
  const describe = await describeActorRefs(accountId, [r?.requestedBy ?? null, r?.approvedBy ?? null, r?.rejectedBy ?? null]);
  const isExpired = r?.status === 'EXPIRED' || (r?.status === 'PENDING' && r.expiresAt <= new Date());
  return (
    <div className="flex flex-col gap-3" data-testid="dual-control">
      <p className="text-sm font-semibold text-slate-800">{t('release.title', { threshold: gate.threshold })}</p>
      {r && (r.status === 'APPROVED' || r.status === 'EXECUTED') ? (
        <Alert tone={gate.canDownload ? 'success' : 'info'}>
          {t('release.approved', { who: describe(r.approvedBy ?? '') })} <When date={r.approvedAt ?? r.createdAt} />
          {gate.refusal?.reason === 'approver_cannot_download' ? <> {t('release.approverCannotDownload')}</> : null}
        </Alert>
      ) : r?.status === 'PENDING' && !isExpired ? (
        <Alert tone="info">
          {t('release.pending', { who: describe(r.requestedBy) })}{' '}
          <Link className="font-semibold underline" href="/hq/approvals">
            {t('title')}
          </Link>
        </Alert>
      ) : (
        <>
          {r?.status === 'REJECTED' ? (
            <Alert tone="error">{t('release.rejected', { who: describe(r.rejectedBy ?? ''), note: r.decisionNote ?? '' })}</Alert>
          ) : null}
          {isExpired ? <Alert tone="info">{t('release.expired')}</Alert> : null}
          <p className="text-sm text-slate-700">{t('release.explain')}</p>
          <RequestApprovalForm batchId={batchId} />
        </>
      )}
    </div>
  );
}
