/**
 * Masked codes shown after the one-time reveal (lists, receipts, activation responses). They must
 * help staff tell cards apart without ever being enough to use one: the prefix is public, and at
 * most 4 generated characters stay visible — 2 for short values (≤ 8), never more than half.
 */
const MASK_CHAR = '*';

export function maskSecret(value: string, prefix: string): string {
  // A value without its prefix (should not happen) is masked whole rather than trusted.
  const head = prefix !== '' && value.startsWith(prefix) ? prefix : '';
  const generated = value.slice(head.length);
  const visible = Math.min(generated.length > 8 ? 4 : 2, Math.floor(generated.length / 2));
  const hidden = generated.length - visible;
  return head + MASK_CHAR.repeat(hidden) + generated.slice(hidden);
}
