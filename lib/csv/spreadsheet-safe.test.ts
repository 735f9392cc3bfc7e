import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formulaCells, spreadsheetCells } from '@/lib/testing/spreadsheet-csv';
import { csvRecords, neutraliseCsvValue, restoreCsvValue } from './spreadsheet-safe';

const HOSTILE = [
  '=1+2',
  '+SUM(A1)',
  '-2+3',
  '@cmd',
  '\t=1',
  '\r=1',
  "'quoted",
  'x;=cmd|calc',
  'a,=b',
  'x\t=y',
  'a =b',
  'p|=q',
  'line\n=next',
  'cr\r\n+x',
  '"=q"',
  'a;"=b',
  'a;""=b',
  ";'x",
  '',
  'plain',
];

describe('neutraliseCsvValue', () => {
  it('puts an apostrophe before a value starting with = + - @ TAB CR or an apostrophe', () => {
    expect(['=1', '+1', '-1', '@a', '\t1', '\r1', "'a", '"=1'].map(neutraliseCsvValue)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\t1", "'\r1", "''a", '\'"=1']);
  });

  it('does the same after each separator or line break inside the value', () => {
    expect(neutraliseCsvValue("x;=cmd|+a,-b c@d\t=e\n@f;'g;h")).toBe("x;'=cmd|'+a,'-b c@d\t'=e\n'@f;''g;h");
    expect(neutraliseCsvValue(';\t=x')).toBe(";'\t'=x");
  });

  it('leaves every other value alone', () => {
    const plain = ['GC-000001', '7000000000000001', 'A=1', 'a-b', 'x;y', '', 'Ærø', '12#4$%*?+-=@'];
    expect(plain.map(neutraliseCsvValue)).toEqual(plain);
  });

  it('restoreCsvValue undoes it exactly, for any string', () => {
    for (const value of HOSTILE) expect(restoreCsvValue(neutraliseCsvValue(value))).toBe(value);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => restoreCsvValue(neutraliseCsvValue(value)) === value));
    fc.assert(
      fc.property(fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', ';', '|', ' ', 'a')), (chars) => {
        const value = chars.join('');
        return restoreCsvValue(neutraliseCsvValue(value)) === value;
      }),
    );
  });
});

describe('csvRecords', () => {
  it('writes plain generated values bare and quotes everything else', () => {
    expect(csvRecords([['GC-000001', '12#4$%*?', '1001', '']])).toBe('GC-000001,12#4$%*?,1001,\r\n');
    expect(csvRecords([['a,b', 'q"q', 'sp_ace ok', 'DINCARD:1', 'Ærø']])).toBe('"a,b","q""q","sp_ace ok","DINCARD:1","Ærø"\r\n');
    expect(csvRecords([['=1+2', '-5', '@x', 'x;=cmd']])).toBe(`"'=1+2","'-5","'@x","x;'=cmd"\r\n`);
  });

  it('leaves no cell starting with a formula character, for any separator and any way of reading quotes', () => {
    expect(formulaCells(csvRecords([HOSTILE, [...HOSTILE].reverse()]))).toEqual([]);
  });

  it('x;=cmd stays one cell in a semicolon locale when quotes are honoured', () => {
    const text = csvRecords([['x;=cmd', 'inactive', '****1234']]);
    expect(spreadsheetCells(text, ';')).toEqual([["x;'=cmd,inactive,****1234"]]);
    expect(spreadsheetCells(text, ',')).toEqual([["x;'=cmd", 'inactive', '****1234']]);
  });

  it('any values: read back exactly (RFC 4180 + restoreCsvValue), and no formula cell under any reading', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', ';', '|', ' ', 'a')).map((c) => c.join('')),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const text = csvRecords(rows);
        expect(spreadsheetCells(text, ',').map((row) => row.map(restoreCsvValue))).toEqual(rows);
        expect(formulaCells(text)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
