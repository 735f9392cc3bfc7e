import { describe, expect, it } from 'vitest';
import { cardIdAt } from '@/lib/print-runs/card-id-scheme';
import { cardCodeCandidates, type AccountCardFormats } from './card-code';

const luhnScheme = { prefix: 'GC-', start: 1, padWidth: 8, luhn: true };
const formats: AccountCardFormats = { schemes: [luhnScheme, { prefix: 'X', padWidth: 4, luhn: false }], tokenPrefixes: ['', 'GC', 'Dm-'] };

describe('cardCodeCandidates', () => {
  it('ignores spaces, dashes and case, and restores a scheme prefix typed differently or not at all', () => {
    const id = cardIdAt(luhnScheme, 41);
    const digits = id.slice(3);
    for (const typed of [id, ` ${id} `, id.toLowerCase(), `gc ${digits.slice(0, 4)} ${digits.slice(4)}`, digits, `GC${digits}`]) {
      const c = cardCodeCandidates(typed, formats);
      expect(c.cardIds, typed).toContain(id);
      expect(c.isMistyped, typed).toBe(false);
    }
  });

  it('catches a mistyped check digit', () => {
    const id = cardIdAt(luhnScheme, 41);
    const last = Number(id.at(-1));
    const typo = `${id.slice(0, -1)}${(last + 1) % 10}`;
    expect(cardCodeCandidates(typo, formats).isMistyped).toBe(true);
    // A swapped pair of neighbouring digits is caught too.
    const digits = id.slice(3);
    const swapped = digits.slice(0, 5) + digits[6] + digits[5] + digits.slice(7);
    if (swapped !== digits) expect(cardCodeCandidates(`GC-${swapped}`, formats).isMistyped).toBe(true);
  });

  it('does not call input of another shape a typo', () => {
    expect(cardCodeCandidates('gc-0001', formats).isMistyped).toBe(false);
    expect(cardCodeCandidates('X1234', formats)).toMatchObject({ isMistyped: false, cardIds: expect.arrayContaining(['X1234']) });
  });

  it('tries a token as typed, compacted, upper-cased and with each known prefix', () => {
    const c = cardCodeCandidates('dm 1234-5678 abcd', formats);
    expect(c.tokens).toEqual(expect.arrayContaining(['dm 1234-5678 abcd', 'dm1234-5678abcd', 'DM12345678ABCD', 'Dm-12345678ABCD', 'GCDM12345678ABCD']));
    expect(cardCodeCandidates('1234 5678', formats).tokens).toEqual(expect.arrayContaining(['12345678', 'GC12345678', 'Dm-12345678']));
  });

  it('keeps the literal input first', () => {
    expect(cardCodeCandidates(' gc-0001 ', formats).cardIds[0]).toBe('gc-0001');
  });
});
