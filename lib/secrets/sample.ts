/**
 * A made-up example of what a PIN or token in a given format looks like, for the print-run order
 * form's live preview. It is a display sample only: it is never stored, never issued and never
 * matches a real card's secret (real secrets come from lib/secrets/generate.ts on the server).
 * Browser-safe: uses the Web Crypto API, available in browsers and in Node.
 */
import { alphabetFor, type SecretFormat } from './format';

export type SampleFormat = Pick<SecretFormat, 'length' | 'prefix' | 'numbers' | 'characters' | 'symbols'>;

/** The longest generated part a sample draws (the format schemas allow at most 64). */
export const SAMPLE_MAX_LENGTH = 64;

/**
 * `prefix` plus `length` characters drawn uniformly from the format's alphabet, or null when the
 * format cannot produce a value (no character class chosen, or a length outside 1–64).
 */
export function sampleSecret(format: SampleFormat): string | null {
  const { length } = format;
  if (!Number.isInteger(length) || length < 1 || length > SAMPLE_MAX_LENGTH) return null;
  if (!format.numbers && !format.characters && !format.symbols) return null;
  const alphabet = alphabetFor(format);
  // Rejection sampling, as in generate.ts, so every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return format.prefix + out;
}
