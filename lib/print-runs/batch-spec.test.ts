import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN_FORMAT, DEFAULT_TOKEN_FORMAT } from '@/lib/secrets/format';
import { batchIdRange, batchScheme, cardBatchSpec, fillSpecOf, printsTokenBarcode, readBatchSpec, webPrintRunSpec } from './batch-spec';

const scheme = { prefix: 'GC-', start: 1, padWidth: 6, luhn: true };
const web = webPrintRunSpec({
  scheme,
  firstCardId: 'GC-0000018',
  lastCardId: 'GC-0001008',
  pinFormat: DEFAULT_PIN_FORMAT,
  tokenFormat: { ...DEFAULT_TOKEN_FORMAT, barcode: false },
});
const api = cardBatchSpec('api', DEFAULT_PIN_FORMAT, DEFAULT_TOKEN_FORMAT);

describe('batch spec', () => {
  it('reads back what it writes, for a web print run and an API batch', () => {
    // Through JSON, as the column stores it.
    const stored = (spec: unknown) => JSON.parse(JSON.stringify(spec)) as unknown;
    expect(batchIdRange(stored(web))).toEqual({ first: 'GC-0000018', last: 'GC-0001008' });
    expect(batchScheme(stored(web))).toEqual(scheme);
    expect(fillSpecOf(stored(web))).toEqual({ scheme, pinFormat: DEFAULT_PIN_FORMAT, tokenFormat: { ...DEFAULT_TOKEN_FORMAT, barcode: false } });
    expect(batchIdRange(stored(api))).toBeNull();
    expect(batchScheme(stored(api))).toBeNull();
    expect(readBatchSpec(stored(api)).source).toBe('api');
  });

  it('prints the token barcode as a web run asks, and always for API batches', () => {
    expect(printsTokenBarcode(web)).toBe(false);
    expect(printsTokenBarcode({ ...web, token_format: { ...DEFAULT_TOKEN_FORMAT, barcode: true } })).toBe(true);
    expect(printsTokenBarcode({ ...api, token_format: { ...DEFAULT_TOKEN_FORMAT, barcode: false } })).toBe(true);
  });

  it('reads an old, partial or broken spec leniently, and refuses to fill a run without a scheme', () => {
    for (const broken of [null, 42, 'x', {}, { source: 'mail', first_card_id: 7, scheme: { prefix: 1 } }]) {
      expect(readBatchSpec(broken).source).toBe('web');
      expect(batchIdRange(broken)).toBeNull();
      expect(batchScheme(broken)).toBeNull();
    }
    expect(batchIdRange({ first_card_id: 'A1' })).toBeNull();
    expect(() => fillSpecOf(api)).toThrow(/no card-id scheme/);
  });
});
