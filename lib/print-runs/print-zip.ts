/**
 * The print file as a ZIP, for manufacturers that print barcodes from images: `print-file.csv`
 * (byte for byte the CSV print file), `proof.pdf` (an A4 proof sheet of the first 50 cards) and
 * `barcodes/<card_id>.png` (the Code 128 of each card's token), streamed without ever holding
 * the run in memory.
 *
 * Libraries: yazl writes the ZIP (a streaming writer with a single small dependency, ZIP64 for
 * large archives, entries pumped strictly in order with stream backpressure; archiver would add
 * a much larger dependency tree for features we do not use), pdfkit draws the proof sheet
 * (pure JavaScript, standard fonts bundled as modules), bwip-js draws the barcodes (as
 * lib/secrets/barcode.ts does).
 *
 * Memory stays flat: ZIP entries are written one after another, so the archive is built in two
 * passes over the vault, each reading one sealed chunk at a time as the consumer pulls:
 * 1. `print-file.csv`, deflated, streamed from the vault; the first 50 cards are kept for
 * 2. `proof.pdf` (about 50 kB, drawn when its turn comes);
 * 3. the PNGs, added one vault chunk at a time and each drawn only when yazl is ready to write
 *    it, so at most one chunk of cards (and one PNG) is in memory.
 * What grows with the run is yazl's central-directory bookkeeping (about 100 bytes per entry).
 *
 * Completion, hashing and cancellation are the CSV's (streamPrintBytes): the SHA-256 is of
 * exactly the ZIP bytes delivered, and `done` resolves only after the last of them was taken.
 */
import { Readable } from 'node:stream';
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { ZipFile } from 'yazl';
import type { VaultRecord } from '@/lib/secrets/vault';
import {
  checkedVaultChunks,
  printCsvHeader,
  printCsvLines,
  streamPrintBytes,
  type PrintCsvOptions,
  type PrintCsvSummary,
  type RowCounter,
  type VaultChunkReader,
} from './print-file';

/** How many cards the proof sheet shows (the first ones of the run). */
export const PROOF_SHEET_CARDS = 50;
export const ZIP_CSV_ENTRY = 'print-file.csv';
export const ZIP_PROOF_ENTRY = 'proof.pdf';

/** The ZIP entry name of a card's barcode; the card id made filename-safe. */
export function barcodeEntryName(cardId: string): string {
  return `barcodes/${cardId.replace(/[^A-Za-z0-9._-]/g, '_')}.png`;
}

/** A Code 128 PNG of `value` (the full token, prefix included), the Wallet API's rendering. */
export async function code128Png(value: string): Promise<Buffer> {
  try {
    return await bwipjs.toBuffer({ bcid: 'code128', text: value, scale: 2, height: 10, includetext: false });
  } catch {
    // bwip-js messages can quote the input; the input is a secret.
    throw new Error('Could not draw the Code 128 barcode.');
  }
}

/**
 * pdfkit splits a PNG's alpha channel asynchronously and writes the image's objects when that is
 * done, so images embedded together land in the file in whichever order their decoding finishes:
 * the same cards gave different bytes under load. Waiting for each image before the next keeps
 * the object order, and so the file, the same every time (the release confirms by checksum).
 */
async function embedded(image: unknown): Promise<void> {
  const pending = image as { image: unknown };
  while (pending.image !== null) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A printable A4 proof sheet: card id, token, PIN and barcode of each card given (at most
 * PROOF_SHEET_CARDS), ten cards per page.
 */
export async function proofSheetPdf(
  records: readonly VaultRecord[],
  options: { title: string; totalCards: number; tokenBarcode?: boolean; creationDate?: Date },
): Promise<Buffer> {
  const cards = records.slice(0, PROOF_SHEET_CARDS);
  const barcodes: Buffer[] = [];
  if (options.tokenBarcode ?? true) for (const card of cards) barcodes.push(await code128Png(card.token));

  // The document id is derived from the info dictionary, so a fixed creation date makes the PDF
  // (and the ZIP holding it) the same bytes every time it is drawn.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: options.title, Producer: 'Cardstock', ...(options.creationDate ? { CreationDate: options.creationDate } : {}) },
  });
  const parts: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const perPage = 10;
  const rowHeight = 68;
  const heading = (page: number) => {
    doc.font('Helvetica-Bold').fontSize(13).fillColor('#000').text(options.title, left, 40, { width });
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#444')
      .text(
        `Proof sheet: the first ${cards.length} of ${options.totalCards} cards. Page ${page} of ${Math.max(1, Math.ceil(cards.length / perPage))}. Confidential: holds card tokens and PINs.`,
        left,
        60,
        { width },
      );
  };
  heading(1);
  if (cards.length === 0) doc.font('Helvetica').fontSize(11).fillColor('#000').text('This print run has no cards.', left, 100);
  for (const [i, card] of cards.entries()) {
    const slot = i % perPage;
    if (i > 0 && slot === 0) {
      doc.addPage();
      heading(i / perPage + 1);
    }
    const y = 90 + slot * rowHeight;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#000')
      .text(`${i + 1}. ${card.cardId}`, left, y + 8, { width: 250 });
    doc
      .font('Courier')
      .fontSize(10)
      .text(`Token: ${card.token}`, left, y + 24, { width: 250 });
    doc.text(`PIN:   ${card.pin}`, left, y + 40, { width: 250 });
    if (barcodes[i]) {
      // openImage is pdfkit's own (untyped) step of image(); its result is what image() accepts.
      const image = (doc as unknown as { openImage(src: Buffer): Buffer }).openImage(barcodes[i]);
      doc.image(image, left + 260, y + 8, { fit: [width - 260, rowHeight - 16] });
      await embedded(image);
    }
  }
  doc.end();
  return finished;
}

/**
 * Adds `barcodes/<card_id>.png`, drawn only when yazl is ready to write it. Kept out of the loop
 * that reads the vault so the entry's closure holds this one card (until it is drawn), never the
 * chunk it came from.
 */
function addBarcodeEntry(
  zip: ZipFile,
  holder: { card: VaultRecord | null },
  options: { mtime: Date; track: (readable: Readable) => Readable; onStart: (() => void) | null },
): void {
  zip.addReadStreamLazy(barcodeEntryName(holder.card!.cardId), { mtime: options.mtime, mode: 0o100644, compress: false }, (callback) => {
    const token = holder.card!.token;
    holder.card = null; // the entry outlives its data; the secret must not
    options.onStart?.();
    code128Png(token).then(
      (png) => callback(null, options.track(Readable.from([png]))),
      (error: unknown) => callback(error, undefined as unknown as Readable),
    );
  });
}

/** yazl keeps every entry in `entries` and scans it from the start on each step (see below). */
interface YazlInternals {
  entries: { doFileDataPump: unknown }[];
}

/**
 * The print file as a ZIP byte stream (see top). Options as for streamPrintCsv; `expectedRows`
 * is checked on both passes over the vault and `beforeChunk` runs before every chunk read.
 * `mtime` (default now) dates every entry and the proof sheet: given the same one, the same vault
 * yields the same bytes.
 */
export function streamPrintZip(
  batchId: string,
  db: VaultChunkReader,
  options: PrintCsvOptions & { title?: string; mtime?: Date } = {},
): { stream: ReadableStream<Uint8Array>; done: Promise<PrintCsvSummary> } {
  const counter: RowCounter = { rows: 0 };
  const mtime = options.mtime ?? new Date();
  const title = options.title ?? `Print run ${batchId}`;

  async function* zipBytes(): AsyncGenerator<Uint8Array> {
    const zip = new ZipFile();
    const internals = zip as unknown as YazlInternals;
    if (!Array.isArray(internals.entries)) throw new Error('Unsupported yazl version: ZipFile.entries is missing.');
    const out = zip.outputStream as Readable;
    const stop = new AbortController();
    const inputs = new Set<Readable>();
    const fail = (error: unknown) => {
      if (!out.destroyed) out.destroy(error instanceof Error ? error : new Error(String(error)));
    };
    zip.on('error', fail);

    const track = (readable: Readable) => {
      inputs.add(readable);
      // An input that fails (a vault read, the lease, a count check) fails the whole ZIP.
      readable.on('error', fail);
      readable.once('close', () => inputs.delete(readable));
      return readable;
    };
    const untilStarted = () => {
      let started!: () => void;
      const promise = new Promise<void>((resolve, reject) => {
        started = resolve;
        if (stop.signal.aborted) reject(stop.signal.reason);
        stop.signal.addEventListener('abort', () => reject(stop.signal.reason), { once: true });
      });
      promise.catch(() => undefined);
      return { promise, started };
    };

    async function produce(): Promise<void> {
      // 1. The CSV, streamed through the deflater, keeping the first cards for the proof.
      const proofCards: VaultRecord[] = [];
      async function* csv(): AsyncGenerator<Buffer> {
        yield Buffer.from(printCsvHeader(), 'utf8');
        for await (const records of checkedVaultChunks(batchId, db, options, counter)) {
          if (proofCards.length < PROOF_SHEET_CARDS) proofCards.push(...records.slice(0, PROOF_SHEET_CARDS - proofCards.length));
          yield Buffer.from(printCsvLines(records, options), 'utf8');
        }
      }
      zip.addReadStream(track(Readable.from(csv(), { objectMode: false })), ZIP_CSV_ENTRY, { mtime, mode: 0o100644 });

      // 2. The proof sheet, drawn when yazl reaches it: the CSV (and so the first chunk) is done by then.
      zip.addReadStreamLazy(ZIP_PROOF_ENTRY, { mtime, mode: 0o100644, compress: false }, (callback) => {
        proofSheetPdf(proofCards, { title, totalCards: counter.rows, tokenBarcode: options.tokenBarcode, creationDate: mtime }).then(
          (pdf) => {
            proofCards.length = 0;
            callback(null, track(Readable.from([pdf])));
          },
          (error: unknown) => callback(error, undefined as unknown as Readable),
        );
      });

      // 3. The barcodes, one vault chunk at a time. yazl scans `entries` from the start before
      // each entry (quadratic: minutes for 100,000 PNGs), so the finished entries wait aside
      // and go back in before end(), which writes the central directory from them.
      // A run whose token format has `barcode: false` gets no barcode images.
      if (options.tokenBarcode === false) {
        zip.end();
        return;
      }
      const finished: YazlInternals['entries'] = [];
      const pass2: RowCounter = { rows: 0 };
      for await (const records of checkedVaultChunks(batchId, db, options, pass2)) {
        if (stop.signal.aborted) return;
        const last = untilStarted();
        const count = records.length;
        if (count === 0) last.started();
        for (let i = 0; i < count; i++) {
          addBarcodeEntry(zip, { card: records[i]! }, { mtime, track, onStart: i === count - 1 ? last.started : null });
        }
        records.length = 0; // the entries hold their own card until they are written
        // Every entry before the chunk's last one is written once that one has started.
        await last.promise;
        const written = internals.entries.splice(0, internals.entries.length - 1);
        for (const entry of written) {
          // A written entry's pump function (and our closure in it) is never called again.
          entry.doFileDataPump = null;
          finished.push(entry);
        }
      }
      if (pass2.rows !== counter.rows) throw new Error(`The vault of batch ${batchId} changed during the download.`);
      internals.entries = finished.concat(internals.entries);
      zip.end();
    }

    const producing = produce().catch(fail);
    try {
      for await (const part of out as AsyncIterable<Buffer>) yield part;
      await producing;
    } finally {
      stop.abort(new Error('The ZIP stream stopped.'));
      for (const input of inputs) input.destroy();
      if (!out.destroyed) out.destroy();
    }
  }

  return streamPrintBytes(zipBytes(), counter, options);
}
