/**
 * A `cards` row read by raw SQL (a locking SELECT, an UPDATE … RETURNING) in the shape Prisma's
 * model queries give, so the hot path needs no second read to get a typed Card. The column map is
 * typed against the model: a field added to `Card` in schema.prisma fails the typecheck here until
 * it is mapped.
 */
import { Prisma, type Card, type CardTransaction } from '@/lib/generated/prisma/client';

const CARD_COLUMNS: Record<keyof Card, string> = {
  id: 'id',
  accountId: 'account_id',
  cardId: 'card_id',
  batchId: 'batch_id',
  type: 'type',
  status: 'status',
  currency: 'currency',
  amount: 'amount',
  balance: 'balance',
  pending: 'pending',
  tokenHash: 'token_hash',
  maskedCode: 'masked_code',
  tokenFormat: 'token_format',
  pinHash: 'pin_hash',
  pinFormat: 'pin_format',
  pinFailures: 'pin_failures',
  pinFailureWindowAt: 'pin_failure_window_at',
  pinLockedUntil: 'pin_locked_until',
  customerId: 'customer_id',
  name: 'name',
  originatedBy: 'originated_by',
  metadata: 'metadata',
  activeFrom: 'active_from',
  expiresAt: 'expires_at',
  activatedAt: 'activated_at',
  activatedStoreId: 'activated_store_id',
  activatedBy: 'activated_by',
  deletedAt: 'deleted_at',
  deletedBy: 'deleted_by',
  tokenExpiresIn: 'token_expires_in',
  tokenSingleUse: 'token_single_use',
  tokenUsedAt: 'token_used_at',
  blockedAt: 'blocked_at',
  blockedReason: 'blocked_reason',
  blockedNote: 'blocked_note',
  blockedBy: 'blocked_by',
  deactivatedAt: 'deactivated_at',
  createdAt: 'created_at',
  createdBy: 'created_by',
};

const TRANSACTION_COLUMNS: Record<keyof CardTransaction, string> = {
  id: 'id',
  accountId: 'account_id',
  cardPk: 'card_pk',
  type: 'type',
  kind: 'kind',
  amount: 'amount',
  currency: 'currency',
  refId: 'ref_id',
  requestHash: 'request_hash',
  isPending: 'is_pending',
  parentId: 'parent_id',
  originatedBy: 'originated_by',
  metadata: 'metadata',
  createdAt: 'created_at',
  createdBy: 'created_by',
  balanceAfter: 'balance_after',
  seq: 'seq',
  saleStoreId: 'sale_store_id',
  storeId: 'store_id',
};

function selectList(columns: Record<string, string>, table: string): Prisma.Sql {
  // Identifiers only, from the constant maps above: nothing here comes from a request.
  return Prisma.raw(
    Object.entries(columns)
      .map(([field, column]) => `${table}."${column}" AS "${field}"`)
      .join(', '),
  );
}

/** `<table>.<column> AS "<field>", …` for every Card field: a raw row then is a Card. */
export function cardSelect(table = 'cards'): Prisma.Sql {
  return selectList(CARD_COLUMNS, table);
}

/** The same for a ledger row. */
export function transactionSelect(table = 'card_transactions'): Prisma.Sql {
  return selectList(TRANSACTION_COLUMNS, table);
}
