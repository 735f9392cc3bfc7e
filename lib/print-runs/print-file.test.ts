import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { VaultRecord } from '@/lib/secrets/vault';
import { PrintFileCancelledError, printFileRows, streamPrintCsv } from './print-file';
import { restoreCsvValue } from '@/lib/csv/spreadsheet-safe';
import { formulaCells, spreadsheetCells } from '@/lib/testing/spreadsheet-csv';
import { cards, fakeVault, readAll } from '@/lib/testing/vault-fixtures';

const HEADER = 'card_id,card_token,pin,barcode_payload\r\n';

describe('printFileRows', () => {
  it('yields every record in chunk order, reading one chunk per query', async () => {
    const { batchId, db, reads } = fakeVault([cards(1, 3), cards(4, 2), cards(6, 1)]);
    const rows: VaultRecord[] = [];
    for await (const row of printFileRows(batchId, db)) rows.push(row);
    expect(rows.map((r) => r.cardId)).toEqual(['GC-000001', 'GC-000002', 'GC-000003', 'GC-000004', 'GC-000005', 'GC-000006']);
    expect(reads).toEqual([-1, 0, 1, 2]);
  });

  it('refuses a vault with a missing chunk instead of leaving its cards out', async () => {
    const { batchId, db } = fakeVault([cards(1, 2), cards(3, 2), cards(5, 2)], { skipIndex: 1 });
    const read = async () => {
      for await (const row of printFileRows(batchId, db)) void row;
    };
    await expect(read()).rejects.toThrow('Vault chunk 1 of batch');
  });
});

describe('streamPrintCsv', () => {
  it('writes the header and one row per card, the barcode payload being the full token', async () => {
    const { batchId, db } = fakeVault([cards(1, 2), cards(3, 1)]);
    const { stream, done } = streamPrintCsv(batchId, db);
    const text = (await readAll(stream)).toString('utf8');
    expect(text).toBe(
      `${HEADER}GC-000001,7000000000000001,1001,7000000000000001\r\nGC-000002,7000000000000002,1002,7000000000000002\r\n` +
        'GC-000003,7000000000000003,1003,7000000000000003\r\n',
    );
    await expect(done).resolves.toMatchObject({ rows: 3 });
  });

  it('quotes odd fields and escapes formula-like ones, every value read back exactly by the documented rule', async () => {
    const odd: VaultRecord[] = [
      { cardId: 'A,1', token: 'T"1', pin: '=1+2' },
      { cardId: 'line\nbreak', token: 'cr\rhere', pin: ' 12 ' },
      { cardId: 'Ærø-ü', token: '@tok', pin: '' },
      { cardId: 'x;=cmd', token: "-5+'A", pin: '+1' },
    ];
    const { batchId, db } = fakeVault([odd]);
    const text = (await readAll(streamPrintCsv(batchId, db).stream)).toString('utf8');
    expect(text).toBe(
      `${HEADER}"A,1","T""1","'=1+2","T""1"\r\n"line\nbreak","cr\rhere"," 12 ","cr\rhere"\r\n"Ærø-ü","'@tok",,"'@tok"\r\n` +
        `"x;'=cmd","'-5+'A","'+1","'-5+'A"\r\n`,
    );
    expect(formulaCells(text)).toEqual([]);
    const [, ...rows] = spreadsheetCells(text, ',').map((row) => row.map(restoreCsvValue));
    expect(rows).toEqual(odd.map((r) => [r.cardId, r.token, r.pin, r.token]));
  });

  it('writes generated tokens and PINs bare, with an apostrophe before one starting with + - = @', async () => {
    const records: VaultRecord[] = [
      { cardId: 'GC-000001', token: 'GC#4$%*?AB12', pin: '12#4' },
      { cardId: 'GC-000002', token: '=A1+B2', pin: '@1-2' },
    ];
    const { batchId, db } = fakeVault([records]);
    const text = (await readAll(streamPrintCsv(batchId, db).stream)).toString('utf8');
    expect(text).toBe(`${HEADER}GC-000001,GC#4$%*?AB12,12#4,GC#4$%*?AB12\r\nGC-000002,"'=A1+B2","'@1-2","'=A1+B2"\r\n`);
  });

  it('reports the SHA-256 of exactly the bytes delivered', async () => {
    const { batchId, db } = fakeVault([cards(1, 1000), cards(1001, 1000), cards(2001, 17)]);
    const { stream, done } = streamPrintCsv(batchId, db);
    const bytes = await readAll(stream);
    const summary = await done;
    expect(summary).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), rows: 2017 });
  });

  it('writes only the header for an empty vault', async () => {
    const { batchId, db } = fakeVault([]);
    const { stream, done } = streamPrintCsv(batchId, db);
    expect((await readAll(stream)).toString('utf8')).toBe(HEADER);
    await expect(done).resolves.toMatchObject({ rows: 0 });
  });

  it('reads the vault only as the consumer pulls', async () => {
    const { batchId, db, reads } = fakeVault([cards(1, 5), cards(6, 5), cards(11, 5)]);
    const { stream } = streamPrintCsv(batchId, db);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reads).toEqual([]);
    const reader = stream.getReader();
    await reader.read(); // header
    expect(reads).toEqual([]);
    await reader.read();
    expect(reads).toEqual([-1]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reads).toEqual([-1]);
    await reader.read();
    expect(reads).toEqual([-1, 0]);
    await reader.cancel();
  });

  it('rejects `done` when the consumer cancels, and stops reading the vault', async () => {
    const { batchId, db, reads } = fakeVault([cards(1, 5), cards(6, 5), cards(11, 5)]);
    const beforeClose = vi.fn(async () => {});
    const { stream, done } = streamPrintCsv(batchId, db, { beforeClose });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel('client went away');
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintFileCancelledError);
    expect((error as PrintFileCancelledError).rows).toBe(5);
    expect(beforeClose).not.toHaveBeenCalled();
    expect(reads).toEqual([-1]);
  });

  it('rejects `done` when the consumer stops after every row but before the end of the stream', async () => {
    const { batchId, db } = fakeVault([cards(1, 2)]);
    const beforeClose = vi.fn(async () => {});
    const { stream, done } = streamPrintCsv(batchId, db, { beforeClose });
    const reader = stream.getReader();
    await reader.read();
    await reader.read(); // all data rows received, the end not yet asked for
    await reader.cancel();
    await expect(done).rejects.toBeInstanceOf(PrintFileCancelledError);
    expect(beforeClose).not.toHaveBeenCalled();
  });

  it('runs beforeClose after the last byte was taken and closes only if it succeeds', async () => {
    const { batchId, db } = fakeVault([cards(1, 2)]);
    const seen: string[] = [];
    const ok = streamPrintCsv(batchId, db, { beforeClose: async ({ rows }) => void seen.push(`closing after ${rows}`) });
    await readAll(ok.stream);
    expect(seen).toEqual(['closing after 2']);
    await expect(ok.done).resolves.toMatchObject({ rows: 2 });

    const failing = streamPrintCsv(batchId, db, {
      beforeClose: async () => {
        throw new Error('destroy failed');
      },
    });
    await expect(readAll(failing.stream)).rejects.toThrow('destroy failed');
    await expect(failing.done).rejects.toThrow('destroy failed');
  });

  it('errors the stream when the vault holds another number of cards than expected', async () => {
    const { batchId, db } = fakeVault([cards(1, 3)]);
    const beforeClose = vi.fn(async () => {});
    const short = streamPrintCsv(batchId, db, { expectedRows: 4, beforeClose });
    await expect(readAll(short.stream)).rejects.toThrow('holds 3 cards, not the 4 expected');
    await expect(short.done).rejects.toThrow();
    const long = streamPrintCsv(batchId, db, { expectedRows: 2, beforeClose });
    await expect(readAll(long.stream)).rejects.toThrow('more cards than the 2 expected');
    expect(beforeClose).not.toHaveBeenCalled();
  });

  it('errors the stream when a chunk fails to decrypt (here: sealed for another batch)', async () => {
    const { db } = fakeVault([cards(1, 3)]);
    const { stream, done } = streamPrintCsv(randomUUID(), db);
    await expect(readAll(stream)).rejects.toThrow('failed authentication');
    await expect(done).rejects.toThrow('failed authentication');
  });
});
