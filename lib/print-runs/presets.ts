/**
 * One-click PIN and token formats for the print-run order form. Each preset is a valid pair for
 * the Wallet API's format schemas (see presets.test.ts); the first is the form's default.
 */
import type { SecretFormat } from '@/lib/secrets/format';

export interface PrintRunPreset {
  id: string;
  label: string;
  description: string;
  tokenFormat: SecretFormat;
  pinFormat: SecretFormat;
}

const numeric = (length: number, barcode: boolean): SecretFormat => ({
  length,
  prefix: '',
  numbers: true,
  characters: false,
  symbols: false,
  barcode,
});

export const PRINT_RUN_PRESETS: readonly PrintRunPreset[] = [
  {
    id: 'numeric-16-pin-4',
    label: 'Numeric 16-digit token + 4-digit PIN, Code 128',
    description: 'The common retail card: digits only, easy to key in at any till; the token is printed as a Code 128 barcode.',
    tokenFormat: numeric(16, true),
    pinFormat: numeric(4, false),
  },
  {
    id: 'alphanumeric-12-pin-6',
    label: 'Alphanumeric 12-char token + 6-digit PIN',
    description: 'Shorter codes for web-shop redemption: digits and upper-case letters (no I or O).',
    tokenFormat: { length: 12, prefix: '', numbers: true, characters: true, symbols: false, barcode: false },
    pinFormat: numeric(6, false),
  },
  {
    id: 'numeric-19-pin-8',
    label: 'Numeric 19-digit token + 8-digit PIN, Code 128',
    description: 'Higher-value cards: a payment-card-length token and a longer PIN; the token is printed as a Code 128 barcode.',
    tokenFormat: numeric(19, true),
    pinFormat: numeric(8, false),
  },
];

export const DEFAULT_PRESET: PrintRunPreset = PRINT_RUN_PRESETS[0]!;

function sameFormat(a: SecretFormat, b: SecretFormat): boolean {
  return (
    a.length === b.length &&
    a.prefix === b.prefix &&
    a.numbers === b.numbers &&
    a.characters === b.characters &&
    a.symbols === b.symbols &&
    a.barcode === b.barcode
  );
}

/** The preset whose formats are exactly these (the form marks its button as pressed), if any. */
export function findPreset(pinFormat: SecretFormat, tokenFormat: SecretFormat): PrintRunPreset | undefined {
  return PRINT_RUN_PRESETS.find((p) => sameFormat(p.pinFormat, pinFormat) && sameFormat(p.tokenFormat, tokenFormat));
}
