import { describe, expect, it } from 'vitest';
import { isStricter, needsAmountApproval, needsPrintReleaseApproval, type DualControlSettings } from './dual-control-settings';

const base: DualControlSettings = { printReleaseMaxCards: 1000, amountThresholds: { NOK: 1_000_000 }, bulkExpiryNeedsApproval: true };

describe('dual-control rules', () => {
  it.each([
    ['the same settings', base, true],
    ['a lower card threshold', { ...base, printReleaseMaxCards: 10 }, true],
    ['a higher card threshold', { ...base, printReleaseMaxCards: 1001 }, false],
    ['a lower amount', { ...base, amountThresholds: { NOK: 5 } }, true],
    ['a higher amount', { ...base, amountThresholds: { NOK: 1_000_001 } }, false],
    ['a currency rule removed', { ...base, amountThresholds: {} }, false],
    ['a currency rule added', { ...base, amountThresholds: { NOK: 1_000_000, EUR: 100_000 } }, true],
    ['bulk expiry no longer guarded', { ...base, bulkExpiryNeedsApproval: false }, false],
  ] as const)('%s: stricter = %s', (_label, after, expected) => {
    expect(isStricter(base, after as DualControlSettings)).toBe(expected);
  });

  it('guarding bulk expiry again is stricter', () => {
    expect(isStricter({ ...base, bulkExpiryNeedsApproval: false }, base)).toBe(true);
  });

  it('"above N" means more than N', () => {
    expect(needsPrintReleaseApproval(base, 1000)).toBe(false);
    expect(needsPrintReleaseApproval(base, 1001)).toBe(true);
    expect(needsAmountApproval(base, 'NOK', 1_000_000)).toBe(false);
    expect(needsAmountApproval(base, 'NOK', 1_000_001n)).toBe(true);
    expect(needsAmountApproval(base, 'SEK', 10 ** 12)).toBe(false);
  });
});
