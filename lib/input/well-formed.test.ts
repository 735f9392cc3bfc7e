import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isWellFormedText, malformedTextIssues, MALFORMED_KEY_MESSAGE, MALFORMED_TEXT_MESSAGE, safeParseInput } from './well-formed';

describe('isWellFormedText', () => {
  it('refuses NUL and unpaired surrogates, accepts paired ones and every other character', () => {
    expect(['a\u0000b', '\u0000', '\ud800', 'x\udc00', '\udc00\ud800'].map(isWellFormedText)).toEqual([false, false, false, false, false]);
    expect(['', 'Ærø', '😀', '\u0001\u007f\ufffd', 'tab\t'].map(isWellFormedText)).toEqual([true, true, true, true, true]);
  });
});

describe('malformedTextIssues', () => {
  it('names the path of every bad string, in arrays and nested objects, without echoing bad keys', () => {
    const issues = malformedTextIssues({
      card_id: 'gc\u00001',
      ok: 'fine',
      metadata: { note: '\ud83d', ['k\u0000']: 'v', n: 1, b: true, z: null },
      cards: [{ card_id: 'a' }, { card_id: '\udfff' }],
    });
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['card_id', MALFORMED_TEXT_MESSAGE],
      ['metadata', MALFORMED_KEY_MESSAGE],
      ['metadata.note', MALFORMED_TEXT_MESSAGE],
      ['cards.1.card_id', MALFORMED_TEXT_MESSAGE],
    ]);
  });

  it('walks very deep input without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`) as unknown;
    expect(malformedTextIssues(deep)).toHaveLength(1);
  });

  it('finds nothing in good input and ignores non-plain objects (files)', () => {
    expect(malformedTextIssues({ a: ['x', 1, { b: 'y' }], f: new Blob(['\u0000']) })).toEqual([]);
    expect(malformedTextIssues('\u0000')).toHaveLength(1);
  });
});

describe('safeParseInput', () => {
  const schema = z.object({ name: z.string(), metadata: z.record(z.string(), z.string()).optional() });

  it('refuses bad text before the schema runs, as a ZodError at the field', () => {
    const result = safeParseInput(schema, { name: 'a\u0000' });
    expect(result.success).toBe(false);
    expect(result.error).toBeInstanceOf(z.ZodError);
    expect(result.error!.issues).toMatchObject([{ path: ['name'], message: MALFORMED_TEXT_MESSAGE }]);
  });

  it('otherwise is the schema’s own safeParse', () => {
    expect(safeParseInput(schema, { name: 'ok', metadata: { a: 'b' } })).toEqual({ success: true, data: { name: 'ok', metadata: { a: 'b' } } });
    expect(safeParseInput(schema, { name: 1 }).error!.issues[0]!.path).toEqual(['name']);
  });
});
