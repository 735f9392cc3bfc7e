/**
 * Appends one immutable ledger row and moves the card's cached balance/pending by the same
 * amount, in the caller's transaction (which must hold the card's row lock or an equivalent
 * conditional update). Database CHECK constraints refuse a negative balance or availability.
 */
import type { DbTx } from '@/lib/db/client';
import type { CardTransaction, LedgerKind, Prisma } from '@/lib/generated/prisma/client';

export const BALANCE_SIGN: Record<LedgerKind, -1 | 0 | 1> = { FUND: 1, DRAWDOWN: -1, RESERVE: 0, CAPTURE: -1, RELEASE: 0, REVERSAL: -1, WRITE_OFF: -1 };
const PENDING_SIGN: Record<LedgerKind, -1 | 0 | 1> = { FUND: 0, DRAWDOWN: 0, RESERVE: 1, CAPTURE: -1, RELEASE: -1, REVERSAL: 0, WRITE_OFF: 0 };

/**
 * SQL for a card's balance / pending from its ledger rows, built from the two sign tables above
 * (so a new kind cannot be forgotten in a check): `SUM(amount * CASE kind … END)` over the
 * rows of `card_transactions` in scope. Kind names are the enum's own constants, never input.
 */
function signedSumSql(signs: Record<LedgerKind, -1 | 0 | 1>): string {
  const cases = Object.entries(signs)
    .filter(([, sign]) => sign !== 0)
    .map(([kind, sign]) => `WHEN '${kind}' THEN ${sign}`)
    .join(' ');
  return `COALESCE(SUM(amount * CASE kind ${cases} ELSE 0 END), 0)`;
}
export const LEDGER_BALANCE_SQL = signedSumSql(BALANCE_SIGN);
export const LEDGER_PENDING_SQL = signedSumSql(PENDING_SIGN);

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
}

export function apiTypeOf(kind: LedgerKind): 'fund' | 'drawdown' {
  return kind === 'FUND' ? 'fund' : 'drawdown';
}

export async function appendLedger(tx: DbTx, entry: LedgerEntry): Promise<CardTransaction> {
  const row = await tx.cardTransaction.create({
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
    },
  });
  const balanceDelta = entry.amount * BigInt(BALANCE_SIGN[entry.kind]);
  const pendingDelta = entry.amount * BigInt(PENDING_SIGN[entry.kind]);
  await tx.card.update({
    where: { id: entry.cardPk },
    data: { balance: { increment: balanceDelta }, pending: { increment: pendingDelta } },
  });
  return row;
}

/**
 * The opening `fund` row of a card that is issued with a balance (activation, single create).
 * Nothing is written for a zero amount: a card can be issued empty.
 */
export async function fundOnIssue(
  tx: DbTx,
  entry: Pick<LedgerEntry, 'accountId' | 'cardPk' | 'currency' | 'refId' | 'originatedBy' | 'metadata' | 'createdBy'> & { amount: number },
): Promise<void> {
  if (entry.amount <= 0) return;
  await appendLedger(tx, { ...entry, kind: 'FUND', amount: BigInt(entry.amount) });
}
