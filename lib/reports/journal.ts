/**
 * The accounting export: journal lines for a calendar month (the chain's time zone), one line set
 * per day, store of sale, currency and movement category — each a debit and a credit of the same
 * amount between the liability account and the category's contra account (accounting-settings.ts),
 * so Σ debit = Σ credit, and the net credit on the liability account equals liability(end) −
 * liability(start) of report 1. The file is a pure function of the ledger rows in the month, the
 * mapping and the store names; a closed month (close-period.ts) keeps its mapping and names, and
 * since no ledger row is ever written with a past time, re-exporting it gives the same bytes.
 * Aggregated lines (at most days × stores × currencies × categories), so the file is small.
 */
import { createHash } from 'node:crypto';
import { csvRecords } from '@/lib/csv/spreadsheet-safe';
import { CATEGORIES, CATEGORY_LABELS, type Category } from './categories';
import type { AccountMapping } from './accounting-settings';
import { toDecimal } from './decimal';
import { movementRows } from './movements';
import type { Period } from './schemas';

export const JOURNAL_HEADER = ['date', 'account', 'debit', 'credit', 'currency', 'store', 'reference', 'description'];

export interface JournalTotals {
  currency: string;
  debit: bigint;
  credit: bigint;
  /** Credits − debits on the liability account: the change in what the chain owes. */
  liabilityNet: bigint;
}

export interface Journal {
  csv: string;
  sha256: string;
  lineCount: number;
  totals: JournalTotals[];
}

export interface JournalInput {
  accountId: string;
  timeZone: string;
  period: Period;
  mapping: AccountMapping;
  /** Store id → the name written in the store column ("" key: movements with no store). */
  storeNames: Record<string, string>;
}

export async function buildJournal(input: JournalInput): Promise<Journal> {
  const rows = await movementRows(input.accountId, input.timeZone, input.period.start, input.period.end, 'day');
  const order = (c: Category) => CATEGORIES.indexOf(c);
  const storeOf = (id: string | null) => input.storeNames[id ?? ''] ?? id ?? '';
  const sorted = rows
    .filter((r) => r.amount !== BigInt(0))
    .sort(
      (a, b) =>
        a.bucket.localeCompare(b.bucket) ||
        storeOf(a.store_id).localeCompare(storeOf(b.store_id)) ||
        (a.store_id ?? '').localeCompare(b.store_id ?? '') ||
        a.currency.localeCompare(b.currency) ||
        order(a.category) - order(b.category),
    );
  const records: string[][] = [JOURNAL_HEADER];
  const totals = new Map<string, JournalTotals>();
  for (const r of sorted) {
    const amount = r.amount < BigInt(0) ? -r.amount : r.amount;
    const value = toDecimal(amount, r.currency);
    const contra = input.mapping[r.category];
    const liability = input.mapping.liability;
    const store = storeOf(r.store_id);
    const reference = `GC-${r.bucket.replaceAll('-', '')}-${r.category.toUpperCase()}-${r.currency}-${r.store_id ? r.store_id.slice(0, 8) : 'API'}`;
    const description = CATEGORY_LABELS[r.category];
    // Liability up (a sale): debit the contra account, credit the liability; down: the reverse.
    const [debitAccount, creditAccount] = r.amount > BigInt(0) ? [contra, liability] : [liability, contra];
    records.push([r.bucket, debitAccount, value, '', r.currency, store, reference, description]);
    records.push([r.bucket, creditAccount, '', value, r.currency, store, reference, description]);
    const t = totals.get(r.currency) ?? { currency: r.currency, debit: BigInt(0), credit: BigInt(0), liabilityNet: BigInt(0) };
    t.debit += amount;
    t.credit += amount;
    t.liabilityNet += r.amount;
    totals.set(r.currency, t);
  }
  const csv = csvRecords(records);
  return {
    csv,
    sha256: createHash('sha256').update(csv, 'utf8').digest('hex'),
    lineCount: records.length - 1,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
