import { describe, expect, it } from 'vitest';
import { cardIdAt, cardIdRange, fitsPadding, isRunCardId, isValidLuhn, luhnCheckDigit } from './card-id-scheme';

describe('Luhn', () => {
  it.each([
    ['7992739871', 3],
    ['0000000001', 8],
    ['123456789', 7],
  ])('check digit of %s is %d', (digits, check) => {
    expect(luhnCheckDigit(digits)).toBe(check);
    expect(isValidLuhn(`${digits}${check}`)).toBe(true);
    expect(isValidLuhn(`${digits}${(check + 1) % 10}`)).toBe(false);
  });

  it('catches every single-digit typo', () => {
    const id = '00012345';
    const full = `${id}${luhnCheckDigit(id)}`;
    for (let pos = 0; pos < full.length; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === full[pos]) continue;
        const typo = `${full.slice(0, pos)}${d}${full.slice(pos + 1)}`;
        expect(isValidLuhn(typo), typo).toBe(false);
      }
    }
  });
});

describe('card ids', () => {
  const scheme = { prefix: 'GC-', start: 1, padWidth: 6, luhn: false };
  it('pads the sequence and adds the prefix', () => {
    expect(cardIdAt(scheme, 0)).toBe('GC-000001');
    expect(cardIdRange(scheme, 25)).toEqual({ first: 'GC-000001', last: 'GC-000025' });
  });
  it('appends a Luhn digit when asked', () => {
    const id = cardIdAt({ ...scheme, luhn: true }, 0);
    expect(id).toBe(`GC-000001${luhnCheckDigit('000001')}`);
    expect(isValidLuhn(id.slice(3))).toBe(true);
  });
  it('knows when the sequence outgrows the padding', () => {
    expect(fitsPadding({ ...scheme, start: 999_990 }, 10)).toBe(true);
    expect(fitsPadding({ ...scheme, start: 999_990 }, 11)).toBe(false);
  });
});

describe('isRunCardId', () => {
  const plain = { prefix: 'GC', start: 100, padWidth: 6, luhn: false };
  const luhn = { prefix: 'GC', start: 100, padWidth: 6, luhn: true };

  it('is true for exactly the ids the run makes', () => {
    for (const scheme of [plain, luhn]) {
      for (let i = 0; i < 50; i++) expect(isRunCardId(scheme, 50, cardIdAt(scheme, i))).toBe(true);
      expect(isRunCardId(scheme, 50, cardIdAt(scheme, -1))).toBe(false);
      expect(isRunCardId(scheme, 50, cardIdAt(scheme, 50))).toBe(false);
    }
  });

  it('is false for look-alikes: other prefix, padding, check digit or characters', () => {
    expect(isRunCardId(plain, 50, 'GX000120')).toBe(false);
    expect(isRunCardId(plain, 50, 'GC00120')).toBe(false);
    expect(isRunCardId(plain, 50, 'GC0000120')).toBe(false);
    expect(isRunCardId(plain, 50, 'GC000120x')).toBe(false);
    expect(isRunCardId(plain, 50, 'GC+00120')).toBe(false);
    const id = cardIdAt(luhn, 20);
    const wrongCheck = `${id.slice(0, -1)}${(Number(id.at(-1)) + 1) % 10}`;
    expect(isRunCardId(luhn, 50, wrongCheck)).toBe(false);
    expect(isRunCardId(luhn, 50, cardIdAt(plain, 20))).toBe(false);
  });
});
