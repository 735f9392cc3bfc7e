import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money/format';
import { MAX_AMOUNT_MINOR } from '@/lib/money/limits';
import { checkSaleAmount, sellableDenominations } from './sale-amount';

const limits = { minAmount: 10_000, maxAmount: 500_000 };

describe('sale amount', () => {
  it.each([
    ['250', { ok: true, minor: 25_000 }],
    ['100', { ok: true, minor: 10_000 }],
    ['5000', { ok: true, minor: 500_000 }],
    ['0', { ok: false, error: 'Enter an amount above zero' }],
    ['99,99', { ok: false, error: `The smallest amount per card is ${formatMoney(10_000, 'NOK', 'en')}`, userMessage: { key: 'amountTooSmall', params: { amount: { money: 10_000, currency: 'NOK' } } } }],
    ['5000,01', { ok: false, error: `The largest amount per card is ${formatMoney(500_000, 'NOK', 'en')}`, userMessage: { key: 'amountTooLarge', params: { amount: { money: 500_000, currency: 'NOK' } } } }],
    ['', { ok: false, error: 'Enter an amount' }],
    ['-5', { ok: false, error: 'The amount cannot be negative' }],
  ])('%s NOK within 100–5000', (raw, expected) => {
    expect(checkSaleAmount(raw, 'NOK', limits)).toEqual(expected);
  });

  it('without limits, allows anything above zero up to what a card may hold', () => {
    const none = { minAmount: null, maxAmount: null };
    expect(checkSaleAmount('1', 'NOK', none)).toEqual({ ok: true, minor: 100 });
    expect(checkSaleAmount(String(MAX_AMOUNT_MINOR / 100), 'NOK', none)).toEqual({ ok: true, minor: MAX_AMOUNT_MINOR });
    expect(checkSaleAmount(String(MAX_AMOUNT_MINOR / 100 + 1), 'NOK', none)).toEqual({ ok: false, error: 'That amount is too large' });
  });

  it('offers only the denominations within the limits', () => {
    expect(sellableDenominations([5_000, 10_000, 50_000, 500_000, 1_000_000], limits)).toEqual([10_000, 50_000, 500_000]);
    expect(sellableDenominations([5_000], { minAmount: null, maxAmount: null })).toEqual([5_000]);
  });
});
