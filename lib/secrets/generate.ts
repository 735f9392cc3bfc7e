/**
 * Draws card tokens and PINs. Every character is uniform over the format's alphabet and comes
 * from the OS CSPRNG (node:crypto); Math.random is never used for secrets.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { alphabetFor, type SecretFormat } from './format';

type GenerateFormat = Pick<SecretFormat, 'length' | 'prefix' | 'numbers' | 'characters' | 'symbols'>;

/*
 * Method: rejection sampling over random bytes, which is much cheaper than one randomInt call
 * per character when a batch needs 100,000 tokens. With an alphabet of n characters (n ≤ 43),
 * only bytes below the largest multiple of n that fits in 256 are used, and `byte % n` picks the
 * character; every character then has exactly the same number of accepted bytes, so there is no
 * modulo bias. Rejected bytes are simply skipped (at worst about 16% of them for n = 43).
 * Bytes come from a 4 KB block refilled from the CSPRNG: a call per value would dominate the cost
 * of a 100,000-card batch (measured ~3x slower). Each byte is used once and never leaves here.
 */
const POOL_BYTES = 4096;
let pool = randomBytes(0);
let poolPos = 0;

function randomString(alphabet: string, length: number): string {
  const n = alphabet.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    if (poolPos === pool.length) {
      pool = randomBytes(POOL_BYTES);
      poolPos = 0;
    }
    const byte = pool[poolPos++]!;
    if (byte < limit) out += alphabet[byte % n];
  }
  return out;
}

/**
 * Characters a spreadsheet reads as the start of a formula (OWASP's CSV-injection list). A value
 * without a prefix never starts with one, so the print file carries every generated token and PIN
 * exactly, with no escape for the manufacturer to undo (lib/csv/spreadsheet-safe.ts); the first
 * character is drawn uniformly from the rest of the alphabet — at least `#$%*?` remain.
 */
const FORMULA_START = /[=+\-@]/g;

function drawValue(format: GenerateFormat, alphabet: string): string {
  if (format.prefix !== '' || format.length === 0) return format.prefix + randomString(alphabet, format.length);
  return randomString(alphabet.replace(FORMULA_START, ''), 1) + randomString(alphabet, format.length - 1);
}

/** How many distinct values the format can produce. */
function capacity(format: GenerateFormat, alphabet: string): number {
  if (format.prefix !== '' || format.length === 0) return alphabet.length ** format.length;
  return alphabet.replace(FORMULA_START, '').length * alphabet.length ** (format.length - 1);
}

/** One value: `prefix` followed by `length` random characters from the format's classes. */
export function generateSecret(format: GenerateFormat): string {
  return drawValue(format, alphabetFor(format));
}

/**
 * `count` distinct values in one go (duplicates within the call are drawn again). Uniqueness
 * against values already stored is the database's job (unique index on the lookup hash).
 * Throws INVALID_INPUT when the format cannot produce that many distinct values.
 */
export function generateSecrets(format: GenerateFormat, count: number): string[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const alphabet = alphabetFor(format);
  if (capacity(format, alphabet) < count) {
    throw new AppError(
      'INVALID_INPUT',
      `This format allows fewer than ${count} distinct values; use a longer length or more character classes.`,
      undefined,
      userMessage('secretFormatTooSmall', { count: String(count) }),
    );
  }
  const values = new Set<string>();
  while (values.size < count) values.add(drawValue(format, alphabet));
  return [...values];
}
