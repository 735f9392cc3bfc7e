/**
 * The one table the finance reports read the ledger through: which movement category each ledger
 * kind is, and which way it moves the liability (the chain's debt to card holders). Every report,
 * the journal export and the dashboard group ledger rows with the SQL built here, so a new kind
 * (issue 12's refunds, adjustments, transfers) is one new line in KIND_CATEGORY and nothing else.
 * The signs agree with lib/cards/ledger.ts's BALANCE_SIGN (a test holds them together).
 */
import { Prisma, type LedgerKind } from '@/lib/generated/prisma/client';

export const CATEGORIES = ['sale', 'reversal', 'redemption', 'refund', 'adjustment', 'transfer_in', 'transfer_out', 'expiry', 'write_off'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  sale: 'Sales (activations and loads)',
  reversal: 'Reversed sales (undone activations)',
  redemption: 'Redemptions',
  refund: 'Refunds to cards',
  adjustment: 'Manual adjustments',
  transfer_in: 'Transfers in (replacement cards)',
  transfer_out: 'Transfers out (replaced cards)',
  expiry: 'Expired balances',
  write_off: 'Written off (deleted cards)',
};

/** Categories that are breakage: value the chain keeps because nobody will redeem it. */
export const BREAKAGE_CATEGORIES: readonly Category[] = ['expiry', 'write_off'];

/**
 * kind → category and its sign on the liability. A kind that moves no balance (a reservation or
 * its release: the money is still owed) has no category. A replace's transfer out and in are one
 * amount each way, so the two columns net to zero in the liability.
 */
export const KIND_CATEGORY: Record<LedgerKind, { category: Category; sign: 1 | -1 } | null> = {
  FUND: { category: 'sale', sign: 1 },
  REVERSAL: { category: 'reversal', sign: -1 },
  DRAWDOWN: { category: 'redemption', sign: -1 },
  CAPTURE: { category: 'redemption', sign: -1 },
  RESERVE: null,
  RELEASE: null,
  WRITE_OFF: { category: 'write_off', sign: -1 },
  EXPIRY: { category: 'expiry', sign: -1 },
  REFUND: { category: 'refund', sign: 1 },
  ADJUST_CREDIT: { category: 'adjustment', sign: 1 },
  ADJUST_DEBIT: { category: 'adjustment', sign: -1 },
  TRANSFER_IN: { category: 'transfer_in', sign: 1 },
  TRANSFER_OUT: { category: 'transfer_out', sign: -1 },
};

const MOVING_KINDS = (Object.keys(KIND_CATEGORY) as LedgerKind[]).filter((k) => KIND_CATEGORY[k] !== null);

/** SQL: the signed amount of ledger row `t` on the liability (0 for kinds that move nothing). */
export function signedAmountSql(alias = 't'): Prisma.Sql {
  const col = Prisma.raw(`${alias}.kind`);
  const amount = Prisma.raw(`${alias}.amount`);
  const whens = MOVING_KINDS.map((k) => Prisma.sql`WHEN ${Prisma.raw(`'${k}'`)} THEN ${Prisma.raw(String(KIND_CATEGORY[k]!.sign))} * ${amount}`);
  return Prisma.sql`(CASE ${col} ${Prisma.join(whens, ' ')} ELSE 0 END)`;
}

/** SQL: the category of ledger row `t` (NULL for kinds that move nothing). */
export function categorySql(alias = 't'): Prisma.Sql {
  const col = Prisma.raw(`${alias}.kind`);
  const whens = MOVING_KINDS.map((k) => Prisma.sql`WHEN ${Prisma.raw(`'${k}'`)} THEN ${Prisma.raw(`'${KIND_CATEGORY[k]!.category}'`)}`);
  return Prisma.sql`(CASE ${col} ${Prisma.join(whens, ' ')} END)`;
}

/** SQL: the kinds that move the liability, for a `kind IN (…)` filter that can use an index. */
export function movingKindsSql(alias = 't'): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.kind`)}::text IN (${Prisma.join(MOVING_KINDS)})`;
}

export function kindsOf(category: Category): LedgerKind[] {
  return MOVING_KINDS.filter((k) => KIND_CATEGORY[k]!.category === category);
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
