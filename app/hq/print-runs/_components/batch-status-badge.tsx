import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { BatchStatus } from '@/lib/generated/prisma/client';

const TONES: Record<BatchStatus, 'neutral' | 'good' | 'bad'> = { PENDING: 'neutral', RUNNING: 'neutral', READY: 'good', FAILED: 'bad' };

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const t = useTranslations('hqPrintRuns.statuses');
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
