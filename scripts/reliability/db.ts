/**
 * SQL checks of the reliability sections, with plain `pg` (no Prisma: the suite checks the
 * database as it is, not as the app's client sees it).
 */
import pg from 'pg';
import { LEDGER_BALANCE_SQL, LEDGER_PENDING_SQL } from '@/lib/cards/ledger';

export function pool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 4 });
}

export interface LedgerCheck {
  cards: number;
  /** Cards whose cached balance or pending differs from the sum of their ledger rows. */
  mismatched: number;
  /** Cards with a negative balance, pending or available amount. */
  negative: number;
  ledgerRows: number;
}

/**
 * The ledger invariant: for every card, `balance` and `pending` equal the signed sums of its ledger
 * rows (the signs of lib/cards/ledger.ts, so every kind counts), and none of balance, pending and
 * balance − pending is negative.
 */
export async function checkLedger(db: pg.Pool): Promise<LedgerCheck> {
  const { rows } = await db.query<{ cards: string; mismatched: string; negative: string; ledger_rows: string }>(`
    WITH sums AS (
      SELECT card_pk, ${LEDGER_BALANCE_SQL} AS balance, ${LEDGER_PENDING_SQL} AS pending, COUNT(*) AS n
      FROM card_transactions GROUP BY card_pk
    )
    SELECT COUNT(*) AS cards,
      COUNT(*) FILTER (WHERE c.balance <> COALESCE(s.balance, 0) OR c.pending <> COALESCE(s.pending, 0)) AS mismatched,
      COUNT(*) FILTER (WHERE c.balance < 0 OR c.pending < 0 OR c.balance - c.pending < 0
                         OR COALESCE(s.balance, 0) < 0 OR COALESCE(s.pending, 0) < 0) AS negative,
      COALESCE(SUM(s.n), 0) AS ledger_rows
    FROM cards c LEFT JOIN sums s ON s.card_pk = c.id`);
  const r = rows[0]!;
  return { cards: Number(r.cards), mismatched: Number(r.mismatched), negative: Number(r.negative), ledgerRows: Number(r.ledger_rows) };
}

export function ledgerHolds(check: LedgerCheck): boolean {
  return check.mismatched === 0 && check.negative === 0;
}

export function describeLedger(check: LedgerCheck): string {
  return `ledger = balance on ${check.cards - check.mismatched}/${check.cards} cards, ${check.negative} negative`;
}

/** Ledger rows of one card by kind. */
export async function ledgerKinds(db: pg.Pool, accountId: string, cardId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ kind: string; n: string }>(
    `SELECT t.kind, COUNT(*) AS n FROM card_transactions t JOIN cards c ON c.id = t.card_pk
     WHERE c.account_id = $1 AND c.card_id = $2 GROUP BY t.kind`,
    [accountId, cardId],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
