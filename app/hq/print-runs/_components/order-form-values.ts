/**
 * The order form's state: every field as the form sends it. A plain module (no 'use client') so
 * the server page can build the initial values the client form starts from.
 */
import { DEFAULT_PRESET } from '@/lib/print-runs/presets';
import type { SecretFormat } from '@/lib/secrets/format';

export const DEFAULT_ID_PREFIX = 'GC';

export interface FormatFields {
  length: string;
  prefix: string;
  numbers: boolean;
  characters: boolean;
  symbols: boolean;
  barcode: boolean;
}

export interface OrderFormValues {
  quantity: string;
  type: string;
  idPrefix: string;
  startSequence: string;
  padWidth: string;
  luhn: boolean;
  pin: FormatFields;
  token: FormatFields;
  manufacturer: string;
  purchaseOrder: string;
  note: string;
}

export function formatFields(format: SecretFormat): FormatFields {
  return { ...format, length: String(format.length) };
}

/** The format as the sample generator and the preset matcher take it (length may be NaN while typing). */
export function formatOf(fields: FormatFields): SecretFormat {
  return { ...fields, length: Number(fields.length) };
}

export function initialOrderValues(startSequence: number): OrderFormValues {
  return {
    quantity: '1000',
    type: 'gift_card',
    idPrefix: DEFAULT_ID_PREFIX,
    startSequence: String(startSequence),
    padWidth: '8',
    luhn: true,
    pin: formatFields(DEFAULT_PRESET.pinFormat),
    token: formatFields(DEFAULT_PRESET.tokenFormat),
    manufacturer: '',
    purchaseOrder: '',
    note: '',
  };
}

/** The values a failed submission sent back (unchecked boxes are absent from form data). */
export function valuesFromSubmission(submitted: Record<string, string>, fallback: OrderFormValues): OrderFormValues {
  const text = (name: string) => submitted[name] ?? '';
  const flag = (name: string) => submitted[name] === 'on';
  const format = (p: 'pin' | 'token'): FormatFields => ({
    length: text(`${p}Length`),
    prefix: text(`${p}Prefix`),
    numbers: flag(`${p}Numbers`),
    characters: flag(`${p}Characters`),
    symbols: flag(`${p}Symbols`),
    barcode: flag(`${p}Barcode`),
  });
  return {
    quantity: text('quantity'),
    type: submitted.type ?? fallback.type,
    idPrefix: text('idPrefix'),
    startSequence: text('startSequence'),
    padWidth: text('padWidth'),
    luhn: flag('luhn'),
    pin: format('pin'),
    token: format('token'),
    manufacturer: text('manufacturer'),
    purchaseOrder: text('purchaseOrder'),
    note: text('note'),
  };
}
