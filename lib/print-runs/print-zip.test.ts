import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { PrintFileCancelledError, streamPrintCsv } from './print-file';
import { barcodeEntryName, proofSheetPdf, streamPrintZip } from './print-zip';
import { cards, fakeVault, readAll, unzip } from '@/lib/testing/vault-fixtures';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('streamPrintZip', () => {
  it('holds the CSV print file, a PNG barcode per card and the PDF proof sheet; the SHA-256 is of the bytes sent', async () => {
    const records = [cards(1, 40), cards(41, 40), cards(81, 7)];
    const { batchId, db } = fakeVault(records);
    const { stream, done } = streamPrintZip(batchId, db, { expectedRows: 87 });
    const bytes = await readAll(stream);
    const summary = await done;
    expect(summary).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), rows: 87 });

    const entries = await unzip(bytes);
    const all = records.flat();
    expect([...entries.keys()]).toEqual(['print-file.csv', 'proof.pdf', ...all.map((c) => `barcodes/${c.cardId}.png`)]);
    const csv = await readAll(streamPrintCsv(batchId, db).stream);
    expect(entries.get('print-file.csv')!.equals(csv)).toBe(true);
    expect(entries.get('proof.pdf')!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const card of all) expect(entries.get(barcodeEntryName(card.cardId))!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // Distinct tokens make distinct barcodes.
    expect(entries.get('barcodes/GC-000001.png')!.equals(entries.get('barcodes/GC-000002.png')!)).toBe(false);
  });

  it('writes a valid ZIP for an empty vault', async () => {
    const { batchId, db } = fakeVault([]);
    const { stream, done } = streamPrintZip(batchId, db);
    const entries = await unzip(await readAll(stream));
    expect([...entries.keys()]).toEqual(['print-file.csv', 'proof.pdf']);
    expect(entries.get('print-file.csv')!.toString('utf8')).toBe('card_id,card_token,pin,barcode_payload\r\n');
    await expect(done).resolves.toMatchObject({ rows: 0 });
  });

  it('names barcode files safely', () => {
    expect(barcodeEntryName('A/../b c')).toBe('barcodes/A_.._b_c.png');
  });

  it('reads the vault only as the consumer pulls, and a cancel rejects `done` without beforeClose', async () => {
    const { batchId, db, reads } = fakeVault([cards(1, 5), cards(6, 5), cards(11, 5)]);
    const beforeClose = vi.fn(async () => {});
    const { stream, done } = streamPrintZip(batchId, db, { beforeClose });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads).toEqual([]);
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel('client went away');
    await expect(done).rejects.toBeInstanceOf(PrintFileCancelledError);
    const readsAtCancel = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads.length).toBe(readsAtCancel);
    expect(beforeClose).not.toHaveBeenCalled();
  });

  it('runs beforeClose after the last byte, and errors the stream when it fails', async () => {
    const { batchId, db } = fakeVault([cards(1, 3)]);
    const seen: string[] = [];
    const ok = streamPrintZip(batchId, db, { beforeClose: async ({ rows }) => void seen.push(`closing after ${rows}`) });
    await readAll(ok.stream);
    expect(seen).toEqual(['closing after 3']);
    const failing = streamPrintZip(batchId, db, {
      beforeClose: async () => {
        throw new Error('destroy failed');
      },
    });
    await expect(readAll(failing.stream)).rejects.toThrow('destroy failed');
    await expect(failing.done).rejects.toThrow('destroy failed');
  });

  it('errors the stream when the vault holds another number of cards than expected, or fails to decrypt', async () => {
    const { batchId, db } = fakeVault([cards(1, 3)]);
    const beforeClose = vi.fn(async () => {});
    const short = streamPrintZip(batchId, db, { expectedRows: 4, beforeClose });
    await expect(readAll(short.stream)).rejects.toThrow('holds 3 cards, not the 4 expected');
    await expect(short.done).rejects.toThrow();
    const long = streamPrintZip(batchId, db, { expectedRows: 2, beforeClose });
    await expect(readAll(long.stream)).rejects.toThrow('more cards than the 2 expected');
    const foreign = streamPrintZip(randomUUID(), db);
    await expect(readAll(foreign.stream)).rejects.toThrow('failed authentication');
    expect(beforeClose).not.toHaveBeenCalled();
  });

  it('stays fast for many entries (yazl would otherwise rescan every finished entry)', async () => {
    const { batchId, db } = fakeVault([cards(1, 1000), cards(1001, 1000)]);
    const started = Date.now();
    const entries = await unzip(await readAll(streamPrintZip(batchId, db).stream));
    expect(entries.size).toBe(2002);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe('proofSheetPdf', () => {
  it('draws at most the first 50 cards on A4 pages', async () => {
    const pdf = await proofSheetPdf(cards(1, 60), { title: 'Print run GC-000001 – GC-000060', totalCards: 60 });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(5);
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
  });
});
