/**
 * What a clerk's input could mean. Scanners type the printed barcode exactly; people type card
 * ids and tokens with spaces, dashes, lower case or without the prefix. Pure: the database lookup
 * (resolve-card.ts) tries every candidate in one query, in this order of preference.
 */
import { isValidLuhn } from '@/lib/print-runs/card-id-scheme';

/** The id schemes of the account's print runs and the token prefixes of its batches. */
export interface AccountCardFormats {
  schemes: { prefix: string; padWidth: number; luhn: boolean }[];
  tokenPrefixes: string[];
}

export interface CodeCandidates {
  /** Possible card_id values, most literal first. */
  cardIds: string[];
  /** Possible clear tokens, most literal first (hashed before the lookup). */
  tokens: string[];
  /** The input has the shape of a Luhn-checked card id of this account, but its check digit is wrong. */
  isMistyped: boolean;
}

const SPACES = /[\s\u00a0\u202f]+/g;
const SEPARATORS = /[\s\u00a0\u202f-]+/g;
const DIGITS = /^\d+$/;

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

export function cardCodeCandidates(raw: string, formats: AccountCardFormats): CodeCandidates {
  const trimmed = raw.trim();
  const noSpaces = trimmed.replace(SPACES, '');
  const compact = trimmed.replace(SEPARATORS, '');
  const upper = compact.toUpperCase();

  // Card ids are case-sensitive in the database but printed in one case: try both.
  const cardIds = [trimmed, noSpaces, trimmed.toUpperCase(), trimmed.toLowerCase(), compact, upper, compact.toLowerCase()];
  let hasValidLuhn = false;
  let hasBadLuhn = false;
  for (const scheme of formats.schemes) {
    const prefix = scheme.prefix.replace(SEPARATORS, '').toUpperCase();
    const rest = prefix && upper.startsWith(prefix) ? upper.slice(prefix.length) : upper;
    if (!DIGITS.test(rest) || rest.length !== scheme.padWidth + (scheme.luhn ? 1 : 0)) continue;
    cardIds.push(scheme.prefix + rest);
    if (scheme.luhn) {
      if (isValidLuhn(rest)) hasValidLuhn = true;
      else hasBadLuhn = true;
    }
  }

  const tokens = [trimmed, noSpaces, compact, upper];
  for (const tokenPrefix of formats.tokenPrefixes) {
    if (!tokenPrefix) continue;
    const prefix = tokenPrefix.replace(SEPARATORS, '').toUpperCase();
    if (prefix && upper.startsWith(prefix)) {
      tokens.push(tokenPrefix + upper.slice(prefix.length), tokenPrefix + compact.slice(prefix.length));
    }
    // Typed without its prefix.
    tokens.push(tokenPrefix + noSpaces, tokenPrefix + noSpaces.toUpperCase(), tokenPrefix + compact, tokenPrefix + upper);
  }
  return { cardIds: unique(cardIds), tokens: unique(tokens), isMistyped: hasBadLuhn && !hasValidLuhn };
}
