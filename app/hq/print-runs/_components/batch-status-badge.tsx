import { Badge } from '@/components/ui/badge';
import type { BatchStatus } from '@/lib/generated/prisma/client';

const LABELS: Record<BatchStatus, { label: string; tone: 'neutral' | 'good' | 'bad' }> = {
  PENDING: { label: 'Queued', tone: 'neutral' },
  RUNNING: { label: 'Creating cards', tone: 'neutral' },
  READY: { label: 'Ready', tone: 'good' },
  FAILED: { label: 'Failed', tone: 'bad' },
};

export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  PENDING: LABELS.PENDING.label,
  RUNNING: LABELS.RUNNING.label,
  READY: LABELS.READY.label,
  FAILED: LABELS.FAILED.label,
};

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return <Badge tone={LABELS[status].tone}>{LABELS[status].label}</Badge>;
}
