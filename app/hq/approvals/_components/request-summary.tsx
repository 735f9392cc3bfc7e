import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ApprovalView } from '@/lib/approvals/views';
import { formatMoney } from '@/lib/money/format';

/** What a request asks for, in words, from its kind's payload. */
export async function RequestSummary({ request }: { request: ApprovalView }) {
  const t = await getTranslations('hqApprovals');
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  if (request.kind === 'print_release') {
    const batchId = String(payload.batch_id ?? '');
    return (
      <span>
        {t('summary.printRelease', { quantity: Number(payload.quantity ?? 0), threshold: Number(payload.threshold ?? 0) })}{' '}
        <Link className="text-brand-700 underline" href={`/hq/print-runs/${batchId}/release`}>
          {t('summary.openRun')}
        </Link>
      </span>
    );
  }
  if (request.kind === 'dual_control_settings') {
    const locale = await getLocale();
    const amounts = Object.entries((payload.amountThresholds ?? {}) as Record<string, number>)
      .map(([currency, minor]) => formatMoney(minor, currency, locale))
      .join(', ');
    return (
      <span>
        {t('summary.settings', {
          cards: Number(payload.printReleaseMaxCards ?? 0),
          amounts: amounts || t('summary.noAmounts'),
          bulk: payload.bulkExpiryNeedsApproval ? t('summary.bulkGuarded') : t('summary.bulkFree'),
        })}
      </span>
    );
  }
  return <span>{request.kind}</span>;
}
