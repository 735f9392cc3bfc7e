/** JSON-safe copy of a value: BigInt amounts become numbers (all amounts stay far below 2^53). */
export function toPlainJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? Number(v) : v)));
}
