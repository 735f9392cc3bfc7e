import { describe, expect, it } from 'vitest';
import { CURRENCIES } from './currencies';
import { formatMoney } from './format';
import { parseMajorAmount } from './parse';

describe('parseMajorAmount (2-decimal currencies)', () => {
  it.each([
    ['500', 50000],
    ['499,50', 49950],
    ['499.50', 49950],
    ['499,5', 49950],
    ['0,01', 1],
    ['0', 0],
    ['1 250,00', 125000],
    ['1\u00a0250', 125000],
    [' 7 ', 700],
    ['007', 700],
  ])('%j → %d øre', (input, minor) => {
    for (const currency of ['NOK', 'SEK', 'DKK', 'EUR', 'USD'] as const) {
      expect(parseMajorAmount(input, currency)).toEqual({ ok: true, minor });
    }
  });

  it.each([
    ['', 'Enter an amount'],
    ['   ', 'Enter an amount'],
    ['-5', 'The amount cannot be negative'],
    ['1,2,3', 'Enter an amount like 500 or 499,50'],
    ['1.000,50', 'Enter an amount like 500 or 499,50'],
    ['1e3', 'Enter an amount like 500 or 499,50'],
    ['12.345', 'Use at most 2 decimals'],
    ['abc', 'Enter an amount like 500 or 499,50'],
    ['5,', 'Enter an amount like 500 or 499,50'],
    [',5', 'Enter an amount like 500 or 499,50'],
    ['Infinity', 'Enter an amount like 500 or 499,50'],
    ['99999999999999999', 'That amount is too large'],
  ])('refuses %j: %s', (input, error) => {
    expect(parseMajorAmount(input, 'NOK')).toEqual({ ok: false, error });
  });

  it('applies a maximum', () => {
    expect(parseMajorAmount('10001', 'NOK', { maxMinor: 1_000_000 })).toEqual({ ok: false, error: 'That amount is too large' });
  });

  it('never loses a cent to floating point', () => {
    // 0.29 * 100 = 28.999999999999996 in floats
    expect(parseMajorAmount('0,29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(parseMajorAmount('1.005', 'EUR')).toEqual({ ok: false, error: 'Use at most 2 decimals' });
  });

  it('every supported currency has a known exponent', () => {
    for (const [code, { exponent }] of Object.entries(CURRENCIES)) expect([0, 2, 3], code).toContain(exponent);
  });
});

describe('formatMoney', () => {
  it('formats minor units with the currency', () => {
    expect(formatMoney(49950, 'NOK').replace(/\s/g, ' ')).toBe('499,50 kr');
    expect(formatMoney(BigInt(100), 'EUR', 'en-US')).toBe('€1.00');
  });
});
