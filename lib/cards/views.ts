/** Cards and transactions in the Wallet API's response shapes (snake_case, Dintero field names). */
import type { Card, CardTransaction } from '@/lib/generated/prisma/client';
import type { CardAmounts } from './amounts';
import { ownTokenExpiresAt } from './token-state';

/** The earlier of two optional instants (null = never). */
function earliest(a: Date | null, b: Date | null): Date | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}

export function cardView(card: Card, amounts: CardAmounts) {
  return {
    id: card.id,
    card_id: card.cardId,
    type: card.type,
    status: card.status,
    currency: card.currency,
    amount: card.amount,
    ...amounts,
    customer_id: card.customerId ?? undefined,
    name: card.name ?? undefined,
    originated_by: card.originatedBy ?? undefined,
    metadata: card.metadata,
    active_from: card.activeFrom?.toISOString(),
    expires_at: card.expiresAt?.toISOString(),
    created_at: card.createdAt.toISOString(),
    created_by: card.createdBy,
    pin: card.pinFormat ? { format: card.pinFormat } : undefined,
    // Only on a deleted card (shown with include_deleted=true); absent otherwise.
    deleted_at: card.deletedAt?.toISOString(),
    // The card's own token: it stops with the card or at the end of its own lifetime, if sooner.
    tokens: card.maskedCode
      ? [
          {
            masked_code: card.maskedCode,
            format: card.tokenFormat,
            expires_at: earliest(card.expiresAt, ownTokenExpiresAt(card))?.toISOString(),
            expires_after_transaction: card.tokenSingleUse,
          },
        ]
      : [],
  };
}

/**
 * What a ledger row is, beyond the contract's two `type`s (`fund` | `drawdown`): a reservation
 * (pending drawdown), its capture or void (linked by `parent_id`), an undone activation, or one of
 * HQ's controls: an adjustment (`type` fund or drawdown by its sign), a refund (a `fund` whose
 * `parent_id` is the drawdown/capture it refunds) or the two halves of a replace (`transfer_out`,
 * a drawdown, and `transfer_in`, a fund, sharing `metadata.transfer_id`).
 */
export const TRANSACTION_KIND = {
  FUND: 'fund',
  DRAWDOWN: 'drawdown',
  RESERVE: 'reservation',
  CAPTURE: 'capture',
  RELEASE: 'void',
  REVERSAL: 'reversal',
  WRITE_OFF: 'write_off',
  EXPIRY: 'expiry',
  ADJUST_CREDIT: 'adjustment_credit',
  ADJUST_DEBIT: 'adjustment_debit',
  REFUND: 'refund',
  TRANSFER_OUT: 'transfer_out',
  TRANSFER_IN: 'transfer_in',
} as const satisfies Record<CardTransaction['kind'], string>;

/**
 * A ledger row in the contract's shape. `pending` is true for a reservation while part of it is
 * still held (`stillPending`, default: all of it — true for a reservation just made); `kind` says
 * what the row is, so a list can be added up without guessing.
 */
export function transactionView(row: CardTransaction, cardId: string, stillPending: bigint = row.amount) {
  return {
    id: row.id,
    card_id: cardId,
    ref_id: row.refId,
    type: row.type,
    kind: TRANSACTION_KIND[row.kind],
    amount: row.amount,
    currency: row.currency,
    pending: row.kind === 'RESERVE' && stillPending > BigInt(0),
    parent_id: row.parentId ?? undefined,
    originated_by: row.originatedBy ?? undefined,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    created_by: row.createdBy,
  };
}
