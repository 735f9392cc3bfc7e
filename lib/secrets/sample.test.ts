import { describe, expect, it } from 'vitest';
import { DIGITS, LETTERS, SYMBOLS } from './format';
import { sampleSecret } from './sample';

const base = { prefix: '', numbers: false, characters: false, symbols: false };

describe('display samples', () => {
  it.each([
    ['digits', { numbers: true }, DIGITS],
    ['letters', { characters: true }, LETTERS],
    ['symbols', { symbols: true }, SYMBOLS],
    ['digits and letters', { numbers: true, characters: true }, DIGITS + LETTERS],
    ['all classes', { numbers: true, characters: true, symbols: true }, DIGITS + LETTERS + SYMBOLS],
  ])('draws only from the alphabet of %s, at the asked length', (_name, classes, alphabet) => {
    for (const length of [1, 4, 16, 64]) {
      const value = sampleSecret({ ...base, ...classes, length });
      expect(value).toHaveLength(length);
      for (const ch of value!) expect(alphabet).toContain(ch);
    }
  });

  it('puts the prefix in front of the generated part', () => {
    const value = sampleSecret({ ...base, numbers: true, prefix: 'DINCARD:', length: 8 });
    expect(value).toMatch(/^DINCARD:\d{8}$/);
  });

  it('reaches every character of the alphabet', () => {
    const seen = new Set(sampleSecret({ ...base, numbers: true, characters: true, symbols: true, length: 64 }));
    for (let i = 0; i < 50; i++) for (const ch of sampleSecret({ ...base, numbers: true, characters: true, symbols: true, length: 64 })!) seen.add(ch);
    expect(seen.size).toBe(DIGITS.length + LETTERS.length + SYMBOLS.length);
  });

  it('gives no sample for a format that cannot make a value', () => {
    expect(sampleSecret({ ...base, length: 8 })).toBeNull();
    expect(sampleSecret({ ...base, numbers: true, length: 0 })).toBeNull();
    expect(sampleSecret({ ...base, numbers: true, length: 65 })).toBeNull();
    expect(sampleSecret({ ...base, numbers: true, length: 4.5 })).toBeNull();
    expect(sampleSecret({ ...base, numbers: true, length: Number.NaN })).toBeNull();
  });
});
