/**
 * The print file of a print run: every card's id with its clear token and PIN, decrypted from the
 * batch's vault one sealed chunk at a time and streamed as CSV, so a 100,000-card file never sits
 * in memory. The stream is pull-based: a chunk is read from the database, opened and encoded only
 * when the consumer asks for more, so a slow download holds at most one chunk in this process.
 *
 * This module only produces bytes; who may download them is lib/print-runs/release-secrets.ts,
 * and destroying the vault once the client confirmed what it received, confirm-release.ts.
 */
import { createHash } from 'node:crypto';
import { csvRecords } from '@/lib/csv/spreadsheet-safe';
import { openChunk, type VaultRecord } from '@/lib/secrets/vault';

/**
 * `barcode_payload` is what the card's Code 128 encodes: the full token value, prefix included —
 * empty when the run's token format has `barcode: false` (no barcode is to be printed).
 */
export const PRINT_FILE_COLUMNS = ['card_id', 'card_token', 'pin', 'barcode_payload'] as const;

/*
 * CSV encoding: lib/csv/spreadsheet-safe.ts. A value starting with = + - @ TAB CR or ' is written
 * with one leading apostrophe (a spreadsheet must not run a token like `=5A…` or a card id from
 * the API as a formula); the manufacturer's system drops the first character of a field that
 * starts with an apostrophe to get the value to print and encode. Fields other than plain
 * letters, digits and token symbols are quoted (RFC 4180). Generated tokens and PINs therefore
 * stay bare unless they start with one of those symbols.
 */

/** What the print file needs from the database: one vault chunk at a time, in order. */
export interface VaultChunkReader {
  secretVaultChunk: {
    findFirst(args: {
      where: { batchId: string; chunkIndex: { gt: number } };
      orderBy: { chunkIndex: 'asc' };
      select: { chunkIndex: true; keyId: true; nonce: true; ciphertext: true };
    }): PromiseLike<{ chunkIndex: number; keyId: string; nonce: Uint8Array; ciphertext: Uint8Array } | null>;
  };
}

/**
 * The batch's decrypted vault chunks in chunkIndex order, one query per chunk. A missing index
 * fails the read rather than silently leaving cards out of the file.
 */
async function* vaultChunks(batchId: string, db: VaultChunkReader): AsyncGenerator<VaultRecord[]> {
  for (let expected = 0; ; expected++) {
    const chunk = await db.secretVaultChunk.findFirst({
      where: { batchId, chunkIndex: { gt: expected - 1 } },
      orderBy: { chunkIndex: 'asc' },
      select: { chunkIndex: true, keyId: true, nonce: true, ciphertext: true },
    });
    if (!chunk) return;
    if (chunk.chunkIndex !== expected) throw new Error(`Vault chunk ${expected} of batch ${batchId} is missing.`);
    yield openChunk({ batchId, ...chunk });
  }
}

/** The batch's clear card secrets in print order, read and decrypted one vault chunk at a time. */
export async function* printFileRows(batchId: string, db: VaultChunkReader): AsyncGenerator<VaultRecord> {
  for await (const records of vaultChunks(batchId, db)) yield* records;
}

export interface PrintCsvSummary {
  /** Hex SHA-256 of exactly the bytes the stream delivered. */
  sha256: string;
  rows: number;
}

export interface PrintCsvOptions {
  /** The number of cards the file must hold; any other count errors the stream instead of closing it. */
  expectedRows?: number;
  /** Runs before each chunk is read (lease renewal); a throw errors the stream. */
  beforeChunk?: () => Promise<void>;
  /**
   * Runs once the consumer has taken every byte and asked for more, before the stream closes;
   * a throw errors the stream (the consumer sees a broken download) and rejects `done`.
   */
  beforeClose?: (summary: PrintCsvSummary) => Promise<void>;
  /** The token format's `barcode` flag: whether the file carries the token's barcode (default true). */
  tokenBarcode?: boolean;
}

/** `done` rejects with this when the consumer cancelled the stream (a broken download). */
export class PrintFileCancelledError extends Error {
  /** Data rows handed to the consumer before it cancelled. */
  readonly rows: number;

  constructor(rows: number) {
    super('The print file download was cancelled before its end.');
    this.name = 'PrintFileCancelledError';
    this.rows = rows;
  }
}

/** The CSV header line of the print file. */
export function printCsvHeader(): string {
  return csvRecords([PRINT_FILE_COLUMNS]);
}

/** The CSV lines of these cards, exactly as they appear in the print file. */
export function printCsvLines(records: readonly VaultRecord[], options: { tokenBarcode?: boolean } = {}): string {
  const withBarcode = options.tokenBarcode ?? true;
  return csvRecords(records.map((r) => [r.cardId, r.token, r.pin, withBarcode ? r.token : '']));
}

/** Counts the cards a print stream has read, for `expectedRows` and the summary. */
export interface RowCounter {
  rows: number;
}

/**
 * The batch's vault chunks for a print stream: `beforeChunk` runs before each read, the card count
 * is checked against `expectedRows` (more cards error as soon as they are read, fewer at the end)
 * and added to `counter` as each chunk is handed on.
 */
export async function* checkedVaultChunks(
  batchId: string,
  db: VaultChunkReader,
  options: Pick<PrintCsvOptions, 'expectedRows' | 'beforeChunk'>,
  counter: RowCounter,
): AsyncGenerator<VaultRecord[]> {
  const chunks = vaultChunks(batchId, db);
  let rows = 0;
  try {
    for (;;) {
      await options.beforeChunk?.();
      const next = await chunks.next();
      if (next.done) break;
      const records = next.value;
      if (options.expectedRows !== undefined && rows + records.length > options.expectedRows) {
        throw new Error(`The vault of batch ${batchId} holds more cards than the ${options.expectedRows} expected.`);
      }
      rows += records.length;
      counter.rows = rows;
      yield records;
    }
  } finally {
    await chunks.return(undefined);
  }
  if (options.expectedRows !== undefined && rows !== options.expectedRows) {
    throw new Error(`The vault of batch ${batchId} holds ${rows} cards, not the ${options.expectedRows} expected.`);
  }
}

/**
 * The print file as a UTF-8 CSV byte stream (header `card_id,card_token,pin,barcode_payload`).
 * `done` resolves only after the consumer took the last byte and the stream closed normally (and
 * `beforeClose` succeeded); it rejects when the consumer cancels or reading fails. "Took" means
 * handed over by this process: for an HTTP response, written to the socket, not received by the
 * client — which is why the release destroys nothing on `done`, only on the client's confirmation.
 */
export function streamPrintCsv(
  batchId: string,
  db: VaultChunkReader,
  options: PrintCsvOptions = {},
): { stream: ReadableStream<Uint8Array>; done: Promise<PrintCsvSummary> } {
  const counter: RowCounter = { rows: 0 };
  const encoder = new TextEncoder();
  async function* csv(): AsyncGenerator<Uint8Array> {
    yield encoder.encode(printCsvHeader());
    for await (const records of checkedVaultChunks(batchId, db, options, counter)) {
      yield encoder.encode(printCsvLines(records, options));
    }
  }
  return streamPrintBytes(csv(), counter, options);
}

/**
 * A print file's bytes as a pull-based stream: one `source` step per consumer read (no read-ahead),
 * hashed as delivered. The completion semantics are streamPrintCsv's; `counter.rows` is the card
 * count reported in the summary and in a PrintFileCancelledError.
 */
export function streamPrintBytes(
  source: AsyncGenerator<Uint8Array>,
  counter: RowCounter,
  options: Pick<PrintCsvOptions, 'beforeClose'> = {},
): { stream: ReadableStream<Uint8Array>; done: Promise<PrintCsvSummary> } {
  const hash = createHash('sha256');
  // open → (closing: all bytes taken, beforeClose running) → settled
  let phase: 'open' | 'closing' | 'settled' = 'open';

  let resolveDone!: (summary: PrintCsvSummary) => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<PrintCsvSummary>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // Marks the rejection handled for callers that only watch the stream; `done` still rejects.
  done.catch(() => undefined);

  function fail(error: unknown): void {
    if (phase === 'settled') return;
    phase = 'settled';
    rejectDone(error);
    // Stops the source so no further chunk is read or decrypted.
    source.return(undefined).catch(() => undefined);
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (phase !== 'open') return;
        try {
          const next = await source.next();
          if (phase !== 'open') return; // cancelled while reading
          if (!next.done) {
            hash.update(next.value);
            controller.enqueue(next.value);
            return;
          }
          const summary = { sha256: hash.digest('hex'), rows: counter.rows };
          phase = 'closing';
          await options.beforeClose?.(summary);
          phase = 'settled';
          resolveDone(summary);
          try {
            controller.close();
          } catch {
            // The consumer cancelled during beforeClose, after it had taken every byte: the
            // outcome stands (the caller's completion step has already committed).
          }
        } catch (error) {
          if (phase === 'settled') return;
          fail(error);
          try {
            controller.error(error);
          } catch {
            // Already cancelled by the consumer; `done` carries the failure.
          }
        }
      },
      cancel() {
        // While closing, the consumer already has every byte: beforeClose decides the outcome.
        if (phase === 'open') fail(new PrintFileCancelledError(counter.rows));
      },
    },
    // No read-ahead: pull runs only when the consumer has asked for a chunk.
    { highWaterMark: 0 },
  );
  return { stream, done };
}
