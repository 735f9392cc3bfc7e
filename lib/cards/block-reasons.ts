/** Why a card is blocked (lib/cards/block-card.ts); the labels are the HQ and counter wording. Pure: the browser imports it. */
export const BLOCK_REASONS = ['lost', 'stolen', 'suspected_fraud', 'damaged', 'customer_request', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];
export const BLOCK_REASON_LABELS: Record<BlockReason, string> = {
  lost: 'Lost',
  stolen: 'Stolen',
  suspected_fraud: 'Suspected fraud',
  damaged: 'Damaged',
  customer_request: 'Customer request',
  other: 'Other',
};

export function blockReasonLabel(reason: string | null): string {
  return reason && reason in BLOCK_REASON_LABELS ? BLOCK_REASON_LABELS[reason as BlockReason] : (reason ?? '—');
}
