import { describe, expect, it } from 'vitest';
import { pinFormatSchema, tokenFormatSchema } from '@/lib/secrets/format';
import { sampleSecret } from '@/lib/secrets/sample';
import { DEFAULT_PRESET, findPreset, PRINT_RUN_PRESETS } from './presets';
import { orderPrintRunSchema } from './schemas';

describe('print-run presets', () => {
  it('default to numeric 16-digit tokens as Code 128 with 4-digit PINs', () => {
    expect(DEFAULT_PRESET).toBe(PRINT_RUN_PRESETS[0]);
    expect(DEFAULT_PRESET.label).toBe('Numeric 16-digit token + 4-digit PIN, Code 128');
    expect(DEFAULT_PRESET.tokenFormat).toMatchObject({ length: 16, numbers: true, characters: false, symbols: false, barcode: true });
    expect(DEFAULT_PRESET.pinFormat).toMatchObject({ length: 4, numbers: true, characters: false, symbols: false });
  });

  it('include an alphanumeric 12-character token with a 6-digit PIN', () => {
    const preset = PRINT_RUN_PRESETS.find((p) => p.label === 'Alphanumeric 12-char token + 6-digit PIN');
    expect(preset?.tokenFormat).toMatchObject({ length: 12, numbers: true, characters: true, symbols: false });
    expect(preset?.pinFormat).toMatchObject({ length: 6, numbers: true, characters: false });
  });

  it('have unique ids and labels and distinct formats', () => {
    expect(new Set(PRINT_RUN_PRESETS.map((p) => p.id)).size).toBe(PRINT_RUN_PRESETS.length);
    expect(new Set(PRINT_RUN_PRESETS.map((p) => p.label)).size).toBe(PRINT_RUN_PRESETS.length);
    for (const preset of PRINT_RUN_PRESETS) expect(findPreset(preset.pinFormat, preset.tokenFormat)).toBe(preset);
  });

  it.each(PRINT_RUN_PRESETS.map((p) => [p.label, p] as const))('%s is accepted by the API format schemas and the order form', (_label, preset) => {
    expect(pinFormatSchema.parse(preset.pinFormat)).toEqual(preset.pinFormat);
    expect(tokenFormatSchema.parse(preset.tokenFormat)).toEqual(preset.tokenFormat);
    const flag = (b: boolean) => (b ? 'on' : '');
    const order = orderPrintRunSchema.parse({
      quantity: '25',
      type: 'gift_card',
      idPrefix: 'GC',
      startSequence: '1',
      padWidth: '8',
      luhn: 'on',
      pinLength: String(preset.pinFormat.length),
      pinPrefix: preset.pinFormat.prefix,
      pinNumbers: flag(preset.pinFormat.numbers),
      pinCharacters: flag(preset.pinFormat.characters),
      pinSymbols: flag(preset.pinFormat.symbols),
      pinBarcode: flag(preset.pinFormat.barcode),
      tokenLength: String(preset.tokenFormat.length),
      tokenPrefix: preset.tokenFormat.prefix,
      tokenNumbers: flag(preset.tokenFormat.numbers),
      tokenCharacters: flag(preset.tokenFormat.characters),
      tokenSymbols: flag(preset.tokenFormat.symbols),
      tokenBarcode: flag(preset.tokenFormat.barcode),
    });
    expect(order.pinFormat).toEqual(preset.pinFormat);
    expect(order.tokenFormat).toEqual(preset.tokenFormat);
  });

  it.each(PRINT_RUN_PRESETS.map((p) => [p.label, p] as const))('%s has samples of the right shape', (_label, preset) => {
    expect(sampleSecret(preset.tokenFormat)).toHaveLength(preset.tokenFormat.prefix.length + preset.tokenFormat.length);
    expect(sampleSecret(preset.pinFormat)).toHaveLength(preset.pinFormat.prefix.length + preset.pinFormat.length);
  });

  it('no preset matches a custom format', () => {
    expect(findPreset({ ...DEFAULT_PRESET.pinFormat, length: 5 }, DEFAULT_PRESET.tokenFormat)).toBeUndefined();
    expect(findPreset(DEFAULT_PRESET.pinFormat, { ...DEFAULT_PRESET.tokenFormat, barcode: false })).toBeUndefined();
  });
});
