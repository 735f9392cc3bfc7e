/**
 * Test helper: splits CSV text into cells the ways spreadsheets and ad-hoc readers do, with a
 * chosen list separator (`,` in most locales, `;` in many European ones, TAB, `|`, space), to
 * check that no cell of an export begins with a formula character, whatever the reader:
 * - 'rfc': a quote opens a quoted section only at the start of a cell (RFC 4180, `""` is a
 *   quote inside it); text after the closing quote is appended to the cell, quotes in it literal;
 * - 'toggle': every quote switches quoting on or off and is dropped (`""` inside quotes is a quote);
 * - 'ignore': quotes are ordinary characters.
 * Records end at CRLF or a lone LF outside quotes.
 */
export type QuoteModel = 'rfc' | 'toggle' | 'ignore';

export function spreadsheetCells(text: string, separator: string, model: QuoteModel = 'rfc'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  let atCellStart = true;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (model !== 'ignore' && ch === '"' && (inQuotes || atCellStart || model === 'toggle')) {
      if (inQuotes && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else {
        inQuotes = !inQuotes;
      }
      atCellStart = false;
      continue;
    }
    if (!inQuotes && ch === separator) {
      endCell();
    } else if (!inQuotes && (ch === '\n' || (ch === '\r' && text[i + 1] === '\n'))) {
      if (ch === '\r') i++;
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** A cell a spreadsheet could run as a formula: OWASP's = + - @, maybe after whitespace (TAB, CR…) it trims. */
export const FORMULA_START = /^\s*[=+\-@]/;

/** Every cell, under every quote model and each of these separators, that a spreadsheet could run as a formula. */
export function formulaCells(text: string, separators: readonly string[] = [',', ';', '\t', '|', ' ']): string[] {
  const found: string[] = [];
  for (const separator of separators) {
    for (const model of ['rfc', 'toggle', 'ignore'] as const) {
      for (const row of spreadsheetCells(text, separator, model)) {
        for (const cell of row) if (FORMULA_START.test(cell)) found.push(`${model} ${JSON.stringify(separator)}: ${JSON.stringify(cell)}`);
      }
    }
  }
  return found;
}
