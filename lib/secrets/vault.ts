/**
 * The vault keeps a print run's clear tokens and PINs, sealed, until the printer has fetched them
 * (then the chunks are deleted). AES-256-GCM with a random 96-bit nonce per chunk; the AAD binds
 * each chunk to its batch, position and key id, so a chunk copied to another batch or position
 * fails to open instead of releasing the wrong cards' secrets.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getSecretKeys, secretKeysById } from './keys';

/** Cards per sealed chunk: small enough to seal and stream one at a time, large enough to keep row counts low. */
export const VAULT_CHUNK_SIZE = 1000;

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface VaultRecord {
  cardId: string;
  token: string;
  pin: string;
}

export interface SealedChunk {
  keyId: string;
  nonce: Buffer<ArrayBuffer>;
  /** Encrypted JSON array of records, followed by the 16-byte GCM tag. */
  ciphertext: Buffer<ArrayBuffer>;
}

interface ChunkPosition {
  batchId: string;
  chunkIndex: number;
}

const recordsSchema = z.array(z.object({ cardId: z.string(), token: z.string(), pin: z.string() }));

function aad(batchId: string, chunkIndex: number, keyId: string): Buffer {
  if (!Number.isSafeInteger(chunkIndex) || chunkIndex < 0) throw new RangeError('chunkIndex must be a non-negative integer');
  return Buffer.from(`${batchId}:${chunkIndex}:${keyId}`, 'utf8');
}

export function sealChunk({ batchId, chunkIndex, records }: ChunkPosition & { records: VaultRecord[] }): SealedChunk {
  if (records.length > VAULT_CHUNK_SIZE) throw new RangeError(`a vault chunk holds at most ${VAULT_CHUNK_SIZE} records`);
  const { keyId, vaultKey } = getSecretKeys();
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', vaultKey, nonce);
  cipher.setAAD(aad(batchId, chunkIndex, keyId));
  // Copy only the known fields, so nothing else a caller attached ends up in the vault.
  const plaintext = JSON.stringify(records.map(({ cardId, token, pin }) => ({ cardId, token, pin })));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { keyId, nonce, ciphertext };
}

/** Decrypts a chunk; throws if it was altered, moved, or sealed with a key that is not configured. */
export function openChunk({
  batchId,
  chunkIndex,
  keyId,
  nonce,
  ciphertext,
}: ChunkPosition & { keyId: string; nonce: Uint8Array; ciphertext: Uint8Array }): VaultRecord[] {
  const keys = secretKeysById(keyId);
  if (!keys) {
    throw new Error(
      `Vault chunk was sealed with key id "${keyId}", which is neither the current CARDSTOCK_SECRETS_KEY_ID nor in CARDSTOCK_SECRETS_RETIRED_KEYS.`,
    );
  }
  if (nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) throw new Error('Vault chunk is malformed.');
  const body = ciphertext.subarray(0, ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keys.vaultKey, nonce);
  decipher.setAAD(aad(batchId, chunkIndex, keyId));
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Vault chunk failed authentication: it was altered, or belongs to another batch or position.');
  }
  return recordsSchema.parse(JSON.parse(plaintext));
}
