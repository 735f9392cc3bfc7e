/**
 * CSV that a spreadsheet opens as data, never as formulas (CSV/formula injection, OWASP), for
 * every CSV file Cardstock writes: the print run's card list and the print file. Card ids from
 * the Wallet API and token/PIN prefixes are free text, and tokens and PINs may start with the
 * symbols `+ - = @`, so any field may look like a formula.
 *
 * A cell can begin at the start of a field or, when the file is opened with another list
 * separator than the comma (`;` in many European locales, TAB, `|`, space) or by a reader that
 * ignores quotes, after any of those characters or a line break inside a field. Spreadsheets do
 * not agree on how quotes work in the middle of a cell, so quoting alone cannot be relied on.
 * Hence two rules, for every field:
 *
 * 1. Escape: at the start of the value and right after each of `,` `;` TAB `|` space CR LF in it,
 *    an apostrophe is put in front of a piece that begins (after any `"`) with `=` `+` `-` `@`
 *    TAB CR (OWASP's list) or an apostrophe. Spreadsheets show it as text. A program gets the
 *    exact value back by dropping one apostrophe at those same places (restoreCsvValue);
 *    apostrophes there are escaped too, so this is never ambiguous. Generated tokens, PINs and
 *    sequential card ids hold none of those separators, so for them the rule is just: a value
 *    starting with `= + - @` gets a leading apostrophe.
 * 2. Quote: a field is written bare only when it consists of ASCII letters, digits and
 *    `. _ # $ % * + = ? @ -`; any other field is quoted (RFC 4180, `"` doubled), so a reader that
 *    honours quotes keeps it in one cell whatever the separator: `x;=cmd` is written `"x;'=cmd"`.
 * Records end with CRLF.
 */
import { stringify, type Options } from 'csv-stringify/sync';

const PIECE_SEPARATORS = new Set([',', ';', '\t', '|', ' ', '\r', '\n']);
/** A piece that a spreadsheet could run as a formula, or that starts with the escape character itself. */
const NEEDS_ESCAPE = /"*[=+\-@\t\r']/y;
const NEEDS_QUOTES = /[^A-Za-z0-9._#$%*+=?@-]/;

function isPieceStart(text: string, index: number): boolean {
  return index === 0 || PIECE_SEPARATORS.has(text[index - 1]!);
}

/** `value` as it goes into a CSV field (rule 1): an apostrophe before each piece that could start a formula. */
export function neutraliseCsvValue(value: string): string {
  let out = '';
  for (let i = 0; i <= value.length; i++) {
    if (isPieceStart(value, i)) {
      NEEDS_ESCAPE.lastIndex = i;
      if (NEEDS_ESCAPE.test(value)) out += "'";
    }
    if (i < value.length) out += value[i];
  }
  return out;
}

/** The exact value back from a field written by this module: one apostrophe dropped at each piece start. */
export function restoreCsvValue(field: string): string {
  let out = '';
  for (let i = 0; i < field.length; i++) {
    if (field[i] === "'" && isPieceStart(field, i)) continue;
    out += field[i];
  }
  return out;
}

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // csv-stringify stops quoting a lone CR or LF once the record delimiter is set, unless told.
  quote_record_delimiter: true,
  quoted_match: NEEDS_QUOTES,
  cast: { string: neutraliseCsvValue },
};

/** CSV records (CRLF-terminated), every field escaped and quoted as described above. */
export function csvRecords(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => [...row]),
    OPTIONS,
  );
}
