import { describe, expect, it } from 'vitest';
import { code128DataUrl } from './barcode';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PREFIX = 'data:image/png;base64,';

describe('code128DataUrl', () => {
  it.each(['1234', 'GC1234567890123456', 'DINCARD:AB#$%*+-=?@9'])('draws %j as a PNG data URL', async (value) => {
    const url = await code128DataUrl(value);
    expect(url.startsWith(PREFIX)).toBe(true);
    const png = Buffer.from(url.slice(PREFIX.length), 'base64');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('draws different values differently', async () => {
    expect(await code128DataUrl('GC0001')).not.toBe(await code128DataUrl('GC0002'));
  });

  it('fails with its own message rather than the library one', async () => {
    await expect(code128DataUrl('')).rejects.toThrow('Could not draw the Code 128 barcode.');
  });
});
