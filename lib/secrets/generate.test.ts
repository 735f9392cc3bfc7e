import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { DEFAULT_PIN_FORMAT, DEFAULT_TOKEN_FORMAT, DIGITS, LETTERS, SYMBOLS, type SecretFormat } from './format';
import { generateSecret, generateSecrets } from './generate';

const escape = (s: string) => s.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&');
const only = (alphabet: string, length: number) => new RegExp(`^[${escape(alphabet)}]{${length}}$`);

function format(overrides: Partial<SecretFormat>): SecretFormat {
  return { length: 16, prefix: '', numbers: false, characters: false, symbols: false, barcode: false, ...overrides };
}

afterEach(() => vi.restoreAllMocks());

describe('generateSecret', () => {
  it.each([
    ['default PIN', DEFAULT_PIN_FORMAT, '', DIGITS],
    ['default token', DEFAULT_TOKEN_FORMAT, '', DIGITS],
    ['letters with a prefix', format({ length: 10, characters: true, prefix: 'GC-' }), 'GC-', LETTERS],
    ['symbols only', format({ length: 8, symbols: true }), '', SYMBOLS],
    ['everything', format({ length: 64, numbers: true, characters: true, symbols: true, prefix: 'DINCARD:' }), 'DINCARD:', DIGITS + LETTERS + SYMBOLS],
  ])('%s: prefix + length characters from the alphabet', (_, fmt, prefix, alphabet) => {
    for (let i = 0; i < 200; i++) {
      const value = generateSecret(fmt);
      expect(value.startsWith(prefix)).toBe(true);
      expect(value.slice(prefix.length)).toMatch(only(alphabet, fmt.length));
    }
  });

  it('uses every character of the combined alphabet, roughly evenly', () => {
    const alphabet = DIGITS + LETTERS + SYMBOLS;
    const counts = new Map<string, number>();
    const fmt = format({ length: 64, numbers: true, characters: true, symbols: true });
    for (let i = 0; i < 1000; i++) for (const c of generateSecret(fmt)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (1000 * 64) / alphabet.length; // ≈ 1488 each, σ ≈ 39: a sanity check, not a proof of uniformity
    expect(counts.size).toBe(alphabet.length);
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.15);
  });

  it('never starts a value without a prefix with a spreadsheet formula character (= + - @), so print files need no escape', () => {
    const first = new Set<string>();
    for (let i = 0; i < 2000; i++) first.add(generateSecret(format({ length: 6, symbols: true }))[0]!);
    expect([...first].sort()).toEqual([...'#$%*?'].sort());
    // A prefix is the caller's: after it, every character of the alphabet may follow.
    const afterPrefix = new Set<string>();
    for (let i = 0; i < 2000; i++) afterPrefix.add(generateSecret(format({ length: 1, symbols: true, prefix: 'X' }))[1]!);
    expect(afterPrefix.size).toBe(SYMBOLS.length);
    // Capacity counts the narrower first character: 5 × 9 two-symbol values.
    expect(generateSecrets(format({ length: 2, symbols: true }), 45)).toHaveLength(45);
    expect(() => generateSecrets(format({ length: 2, symbols: true }), 46)).toThrow(AppError);
  });

  it('mixes classes: numbers + characters both appear', () => {
    const joined = Array.from({ length: 200 }, () => generateSecret(format({ numbers: true, characters: true }))).join('');
    expect(joined).toMatch(/[0-9]/);
    expect(joined).toMatch(/[A-Z]/);
  });

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    generateSecrets(DEFAULT_TOKEN_FORMAT, 100);
    generateSecret(DEFAULT_PIN_FORMAT);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('generateSecrets', () => {
  it('returns 10,000 distinct tokens in the default format', () => {
    const tokens = generateSecrets(DEFAULT_TOKEN_FORMAT, 10_000);
    expect(tokens).toHaveLength(10_000);
    expect(new Set(tokens).size).toBe(10_000);
    for (const t of tokens) expect(t).toMatch(only(DIGITS, 16));
  });

  it('redraws duplicates, even when the format has only just enough values', () => {
    // 1,000 possible 3-digit values: drawing all of them forces many duplicates to be redrawn.
    const all = generateSecrets(format({ length: 3, numbers: true }), 1000);
    expect(new Set(all).size).toBe(1000);
  });

  it('returns nothing for a count of 0', () => {
    expect(generateSecrets(DEFAULT_TOKEN_FORMAT, 0)).toEqual([]);
  });

  it('refuses a count the format cannot satisfy', () => {
    const attempt = () => generateSecrets(format({ length: 4, numbers: true }), 10_001);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow('fewer than 10001 distinct values');
  });

  it.each([-1, 1.5, Number.NaN])('refuses count %s', (count) => {
    expect(() => generateSecrets(DEFAULT_TOKEN_FORMAT, count)).toThrow(RangeError);
  });
});
