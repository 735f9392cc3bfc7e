import { describe, expect, it } from 'vitest';
import { orderPrintRunSchema } from './schemas';

const valid = {
  quantity: '25',
  type: 'gift_card',
  idPrefix: 'GC-',
  startSequence: '1',
  padWidth: '6',
  luhn: 'on',
  pinLength: '4',
  pinNumbers: 'on',
  tokenLength: '16',
  tokenNumbers: 'on',
  tokenPrefix: 'GC',
  tokenBarcode: 'on',
};

describe('orderPrintRunSchema', () => {
  it('turns the form into a scheme and two formats', () => {
    const result = orderPrintRunSchema.parse(valid);
    expect(result).toMatchObject({
      quantity: 25,
      scheme: { prefix: 'GC-', start: 1, padWidth: 6, luhn: true },
      pinFormat: { length: 4, numbers: true, characters: false, barcode: false },
      tokenFormat: { length: 16, numbers: true, prefix: 'GC', barcode: true },
      manufacturer: null,
    });
  });

  it('reports every field’s error at once, on the form’s field names', () => {
    const result = orderPrintRunSchema.safeParse({ ...valid, quantity: '0', tokenLength: '3', pinNumbers: '', idPrefix: 'a b' });
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['quantity', 'tokenLength', 'pinNumbers', 'idPrefix']));
  });

  it('refuses more than 100,000 cards and a sequence that outgrows its digits', () => {
    expect(orderPrintRunSchema.safeParse({ ...valid, quantity: '100001' }).error?.issues[0]?.path).toEqual(['quantity']);
    expect(orderPrintRunSchema.safeParse({ ...valid, padWidth: '1', quantity: '25' }).error?.issues[0]?.path).toEqual(['padWidth']);
  });
});
