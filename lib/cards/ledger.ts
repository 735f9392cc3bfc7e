/**
 * Appends one immutable ledger row and moves the card's cached balance/pending by the same
 * amount, in the caller's transaction (which must hold the card's row lock or an equivalent
 * conditional update). Database CHECK constraints refuse a negative balance or availability.
 */
import type { DbTx } from '@/lib/db/client';
import type { CardTransaction, LedgerKind, Prisma } from '@/lib/generated/prisma/client';

/** How each kind moves the balance; the reports' category table (lib/reports/categories.ts) agrees, by test. */
export const BALANCE_SIGN: Record<LedgerKind, -1 | 0 | 1> = { FUND: 1, DRAWDOWN: -1, RESERVE: 0, CAPTURE: -1, RELEASE: 0, REVERSAL: -1, WRITE_OFF: -1, EXPIRY: -1 };
const PENDING_SIGN: Record<LedgerKind, -1 | 0 | 1> = { FUND: 0, DRAWDOWN: 0, RESERVE: 1, CAPTURE: -1, RELEASE: -1, REVERSAL: 0, WRITE_OFF: 0, EXPIRY: 0 };

export interface LedgerEntry {
  accountId: string;
  cardPk: string;
  kind: LedgerKind;
  amount: bigint;
  currency: string;
  refId: string;
  requestHash?: string;
  parentId?: string;
  originatedBy?: string;
  metadata?: Prisma.InputJsonObject;
  createdBy: string;
  isPending?: boolean;
  /** The store where the movement happened (a counter sale); null for the API. */
  storeId?: string | null;
}

export function apiTypeOf(kind: LedgerKind): 'fund' | 'drawdown' {
  return kind === 'FUND' ? 'fund' : 'drawdown';
}

export async function appendLedger(tx: DbTx, entry: LedgerEntry): Promise<CardTransaction> {
  const balanceDelta = entry.amount * BigInt(BALANCE_SIGN[entry.kind]);
  const pendingDelta = entry.amount * BigInt(PENDING_SIGN[entry.kind]);
  // The card first: its new balance is the row's running balance, and the store that sold it
  // (as it stands now) goes on the row, so an as-of report never depends on later changes.
  const card = await tx.card.update({
    where: { id: entry.cardPk },
    data: { balance: { increment: balanceDelta }, pending: { increment: pendingDelta } },
    select: { balance: true, activatedStoreId: true },
  });
  return tx.cardTransaction.create({
    data: {
      accountId: entry.accountId,
      cardPk: entry.cardPk,
      kind: entry.kind,
      type: apiTypeOf(entry.kind),
      amount: entry.amount,
      currency: entry.currency,
      refId: entry.refId,
      requestHash: entry.requestHash ?? null,
      parentId: entry.parentId ?? null,
      isPending: entry.isPending ?? entry.kind === 'RESERVE',
      originatedBy: entry.originatedBy ?? null,
      metadata: entry.metadata ?? {},
      createdBy: entry.createdBy,
      balanceAfter: card.balance,
      saleStoreId: card.activatedStoreId,
      storeId: entry.storeId ?? null,
      // Taken after the card's row lock, so a card's rows are in time order as well as seq order.
      createdAt: new Date(),
    },
  });
}

/**
 * The opening `fund` row of a card that is issued with a balance (activation, single create).
 * Nothing is written for a zero amount: a card can be issued empty.
 */
export async function fundOnIssue(
  tx: DbTx,
  entry: Pick<LedgerEntry, 'accountId' | 'cardPk' | 'currency' | 'refId' | 'originatedBy' | 'metadata' | 'createdBy' | 'storeId'> & { amount: number },
): Promise<void> {
  if (entry.amount <= 0) return;
  await appendLedger(tx, { ...entry, kind: 'FUND', amount: BigInt(entry.amount) });
}
