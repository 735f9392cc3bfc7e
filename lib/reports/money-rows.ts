/** Helpers shared by the reports: BigInt totals per currency (NOK and EUR never add up). */
export type Minor = bigint;

export function toBigInt(value: bigint | number | string | null | undefined): bigint {
  if (value === null || value === undefined) return BigInt(0);
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** Sum of `pick(row)` per currency, currencies sorted. */
export function totalsByCurrency<T extends { currency: string }>(rows: T[], pick: (row: T) => bigint): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const row of [...rows].sort((a, b) => a.currency.localeCompare(b.currency))) {
    out.set(row.currency, (out.get(row.currency) ?? BigInt(0)) + pick(row));
  }
  return out;
}
