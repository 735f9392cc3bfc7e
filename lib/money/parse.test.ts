import { describe, expect, it } from 'vitest';
import { CURRENCIES } from './currencies';
import { formatAmountInput, formatMoney } from './format';
import { parseMajorAmount, parseWithExponent } from './parse';

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

describe('parseWithExponent (0- and 3-decimal currencies)', () => {
  it.each([
    ['500', 0, 500],
    ['1 250', 0, 1250],
    ['500', 3, 500000],
    ['499,5', 3, 499500],
    ['0.001', 3, 1],
    ['1,234', 3, 1234],
  ])('%j with exponent %d → %d', (input, exponent, minor) => {
    expect(parseWithExponent(input, exponent, 'XXX')).toEqual({ ok: true, minor });
  });

  it.each([
    ['499,50', 0, 'JPY has no decimals'],
    ['1.5', 0, 'JPY has no decimals'],
    ['0.0001', 3, 'Use at most 3 decimals'],
    ['1,2,3', 3, 'Enter an amount like 500 or 499,50'],
    ['-5', 0, 'The amount cannot be negative'],
    ['1e3', 3, 'Enter an amount like 500 or 499,50'],
    ['', 0, 'Enter an amount'],
  ])('refuses %j with exponent %d: %s', (input, exponent, error) => {
    expect(parseWithExponent(input, exponent, 'JPY')).toEqual({ ok: false, error });
  });
});

describe('formatMoney', () => {
  it('formats minor units with the currency', () => {
    expect(formatMoney(49950, 'NOK', 'nb').replace(/\s/g, ' ')).toBe('499,50 kr');
    expect(formatMoney(BigInt(100), 'EUR', 'en-US')).toBe('€1.00');
  });
  it('follows the UI language', () => {
    expect(formatMoney(149950, 'NOK', 'nb').replace(/\s/g, ' ')).toBe('1 499,50 kr');
    expect(formatMoney(149950, 'NOK', 'en').replace(/\s/g, ' ')).toBe('NOK 1,499.50');
    expect(formatMoney(-500, 'EUR', 'en')).toBe('-€5.00');
  });
});

describe('formatAmountInput', () => {
  it('gives back what parseMajorAmount reads', () => {
    for (const minor of [0, 1, 99, 100, 20000, 49950, 1_000_000]) {
      expect(parseMajorAmount(formatAmountInput(minor, 'NOK'), 'NOK')).toEqual({ ok: true, minor });
    }
    expect(formatAmountInput(20000, 'NOK')).toBe('200');
    expect(formatAmountInput(49950, 'NOK')).toBe('499,50');
  });
});
