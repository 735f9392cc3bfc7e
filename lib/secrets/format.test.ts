import { describe, expect, it } from 'vitest';
import { alphabetFor, DEFAULT_PIN_FORMAT, DEFAULT_TOKEN_FORMAT, DIGITS, LETTERS, pinFormatSchema, SYMBOLS, tokenFormatSchema } from './format';

function fieldErrors(schema: typeof pinFormatSchema, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the format to be refused');
  return result.error.flatten().fieldErrors;
}

describe('format schemas', () => {
  it('fills in defaults', () => {
    expect(pinFormatSchema.parse({ length: 6, numbers: true })).toEqual({
      length: 6,
      prefix: '',
      numbers: true,
      characters: false,
      symbols: false,
      barcode: false,
    });
  });

  it('accepts the reference example and the defaults', () => {
    const example = { length: 36, prefix: 'DINCARD:', symbols: true, numbers: true, characters: true, barcode: false };
    expect(tokenFormatSchema.parse(example)).toEqual(example);
    expect(pinFormatSchema.parse(DEFAULT_PIN_FORMAT)).toEqual(DEFAULT_PIN_FORMAT);
    expect(tokenFormatSchema.parse(DEFAULT_TOKEN_FORMAT)).toEqual(DEFAULT_TOKEN_FORMAT);
  });

  it.each([
    ['PIN', pinFormatSchema, 4, 64],
    ['token', tokenFormatSchema, 8, 64],
  ] as const)('%s length limits are %i to %i', (_, schema, min, max) => {
    expect(schema.safeParse({ length: min, numbers: true }).success).toBe(true);
    expect(schema.safeParse({ length: max, numbers: true }).success).toBe(true);
    expect(fieldErrors(schema, { length: min - 1, numbers: true }).length).toEqual([`must be between ${min} and ${max}`]);
    expect(fieldErrors(schema, { length: max + 1, numbers: true }).length).toEqual([`must be between ${min} and ${max}`]);
  });

  it.each([
    ['a PIN of length 3', pinFormatSchema, { length: 3, numbers: true }, { length: ['must be between 4 and 64'] }],
    ['a length of 65', pinFormatSchema, { length: 65, numbers: true }, { length: ['must be between 4 and 64'] }],
    ['a token of length 7', tokenFormatSchema, { length: 7, numbers: true }, { length: ['must be between 8 and 64'] }],
    ['a fractional length', pinFormatSchema, { length: 4.5, numbers: true }, { length: ['must be a whole number'] }],
    ['no character class', pinFormatSchema, { length: 4 }, { numbers: ['choose at least one of numbers, characters, symbols'] }],
    [
      'all classes false',
      tokenFormatSchema,
      { length: 16, numbers: false, characters: false, symbols: false },
      { numbers: ['choose at least one of numbers, characters, symbols'] },
    ],
    ['a prefix with a space', tokenFormatSchema, { length: 16, numbers: true, prefix: 'GIFT CARD' }, { prefix: ['must be printable ASCII without spaces'] }],
    ['a non-ASCII prefix', tokenFormatSchema, { length: 16, numbers: true, prefix: 'GAVEKORT-Ø' }, { prefix: ['must be printable ASCII without spaces'] }],
    ['a 33-character prefix', tokenFormatSchema, { length: 16, numbers: true, prefix: 'P'.repeat(33) }, { prefix: ['must be at most 32 characters'] }],
  ])('refuses %s', (_, schema, input, expected) => {
    expect(fieldErrors(schema, input)).toEqual(expected);
  });

  it('reports a bad length and a missing class together', () => {
    expect(fieldErrors(pinFormatSchema, { length: 3 })).toEqual({
      length: ['must be between 4 and 64'],
      numbers: ['choose at least one of numbers, characters, symbols'],
    });
  });

  it.each([null, undefined, 5, 'digits', []])('refuses a format that is not an object (%s) with a type error, without throwing', (input) => {
    for (const schema of [pinFormatSchema, tokenFormatSchema]) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => ({ code: i.code, path: i.path }))).toEqual([{ code: 'invalid_type', path: [] }]);
    }
  });

  it('refuses non-boolean class flags with a type error, not the class message', () => {
    const errors = fieldErrors(pinFormatSchema, { length: 4, numbers: 'yes' });
    expect(errors.numbers).toHaveLength(1);
    expect(errors.numbers?.[0]).not.toContain('choose at least one');
  });
});

describe('alphabets', () => {
  it('leave out characters that are easily confused or mangled', () => {
    expect(LETTERS).not.toMatch(/[IO]/);
    expect(LETTERS).toHaveLength(24);
    expect(SYMBOLS).not.toMatch(/["'`\\| ,.]/);
    expect(new Set(DIGITS + LETTERS + SYMBOLS).size).toBe(DIGITS.length + LETTERS.length + SYMBOLS.length);
  });

  it.each([
    [{ numbers: true, characters: false, symbols: false }, DIGITS],
    [{ numbers: false, characters: true, symbols: false }, LETTERS],
    [{ numbers: false, characters: false, symbols: true }, SYMBOLS],
    [{ numbers: true, characters: true, symbols: true }, DIGITS + LETTERS + SYMBOLS],
  ])('alphabetFor(%o)', (flags, expected) => {
    expect(alphabetFor(flags)).toBe(expected);
  });

  it('alphabetFor refuses a format without classes', () => {
    expect(() => alphabetFor({ numbers: false, characters: false, symbols: false })).toThrow('choose at least one');
  });
});
