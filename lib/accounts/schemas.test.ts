import { describe, expect, it } from 'vitest';
import { updateStorePolicySchema } from './schemas';

const base = { currency: 'NOK', timeZone: 'Europe/Oslo' };

describe('store policy form', () => {
  it('turns typed major units into sorted, unique minor units; empty means "no limit" / "never"', () => {
    const parsed = updateStorePolicySchema.parse({
      ...base,
      denomination1: '1000',
      denomination2: '200',
      denomination3: '499,50',
      minAmount: '100',
      maxAmount: '10 000',
      expiryDays: '1096',
    });
    expect(parsed).toEqual({ denominations: [20_000, 49_950, 100_000], minAmount: 10_000, maxAmount: 1_000_000, expiryDays: 1096, timeZone: 'Europe/Oslo' });
    expect(updateStorePolicySchema.parse(base)).toEqual({ denominations: [], minAmount: null, maxAmount: null, expiryDays: null, timeZone: 'Europe/Oslo' });
  });

  it('reports every bad field at once', () => {
    const result = updateStorePolicySchema.safeParse({
      ...base,
      timeZone: 'Mars/Base',
      denomination1: '50',
      denomination2: '20000',
      denomination3: '1,2,3',
      denomination4: '300',
      denomination5: '300',
      minAmount: '100',
      maxAmount: '10000',
      expiryDays: '0',
    });
    const errors = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(errors).toEqual({
      denomination1: 'Below the minimum per card',
      denomination2: 'Above the maximum per card',
      denomination3: 'Enter an amount like 500 or 499,50',
      denomination5: 'Already in the list',
      expiryDays: 'Use whole days from 1 to 36600, or leave empty for “never”',
      timeZone: 'Choose a time zone from the list',
    });
  });

  it('refuses a maximum below the minimum, zero and negative amounts', () => {
    const result = updateStorePolicySchema.safeParse({ ...base, minAmount: '500', maxAmount: '100', denomination1: '0', denomination2: '-5' });
    expect(result.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['maxAmount', 'The maximum must not be below the minimum'],
      ['denomination1', 'Use an amount above zero'],
      ['denomination2', 'The amount cannot be negative'],
    ]);
  });
});
