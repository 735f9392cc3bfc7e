/** Test helpers for print files: an in-memory sealed vault, sample records, stream and ZIP readers. */
import { randomUUID } from 'node:crypto';
import yauzl from 'yauzl';
import type { VaultChunkReader } from '@/lib/print-runs/print-file';
import { sealChunk, type VaultRecord } from '@/lib/secrets/vault';

/** A vault in memory: chunks sealed exactly as the database holds them; counts the reads. */
export function fakeVault(chunks: VaultRecord[][], options: { skipIndex?: number } = {}) {
  const batchId = randomUUID();
  const sealed = chunks
    .map((records, chunkIndex) => ({ chunkIndex, ...sealChunk({ batchId, chunkIndex, records }) }))
    .filter((c) => c.chunkIndex !== options.skipIndex);
  const reads: number[] = [];
  const db: VaultChunkReader = {
    secretVaultChunk: {
      findFirst: async ({ where }) => {
        reads.push(where.chunkIndex.gt);
        const chunk = sealed.find((c) => c.chunkIndex > where.chunkIndex.gt);
        return chunk
          ? { chunkIndex: chunk.chunkIndex, keyId: chunk.keyId, nonce: new Uint8Array(chunk.nonce), ciphertext: new Uint8Array(chunk.ciphertext) }
          : null;
      },
    },
  };
  return { batchId, db, reads };
}

export function cards(from: number, count: number): VaultRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    cardId: `GC-${String(from + i).padStart(6, '0')}`,
    token: `70${String(from + i).padStart(14, '0')}`,
    pin: String(1000 + from + i),
  }));
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) parts.push(part.value);
  return Buffer.concat(parts);
}

/** Every entry of a ZIP, in archive order, read with yauzl (which checks sizes and CRCs). */
export async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, z) => (error ? reject(error) : resolve(z))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        stream.on('data', (part: Buffer) => parts.push(part));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}
