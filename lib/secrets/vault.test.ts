import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKeysFrom, resetSecretKeysForTests } from './keys';
import { openChunk, sealChunk, VAULT_CHUNK_SIZE, type VaultRecord } from './vault';

const MASTER = randomBytes(32).toString('base64');
const BATCH = randomUUID();

function records(count: number): VaultRecord[] {
  return Array.from({ length: count }, (_, i) => ({ cardId: `card-${i}`, token: `GC${String(i).padStart(14, '0')}`, pin: String(1000 + i) }));
}

beforeEach(() => resetSecretKeysForTests(loadSecretKeysFrom(MASTER, 'k1')));
afterAll(() => resetSecretKeysForTests());

describe('sealChunk / openChunk', () => {
  it('round-trips a full chunk', () => {
    const input = records(VAULT_CHUNK_SIZE);
    const sealed = sealChunk({ batchId: BATCH, chunkIndex: 3, records: input });
    expect(sealed.keyId).toBe('k1');
    expect(sealed.nonce).toHaveLength(12);
    expect(openChunk({ batchId: BATCH, chunkIndex: 3, ...sealed })).toEqual(input);
  });

  it('round-trips an empty chunk and plain Uint8Arrays (as Prisma returns Bytes)', () => {
    const sealed = sealChunk({ batchId: BATCH, chunkIndex: 0, records: [] });
    const fromDb = { keyId: sealed.keyId, nonce: new Uint8Array(sealed.nonce), ciphertext: new Uint8Array(sealed.ciphertext) };
    expect(openChunk({ batchId: BATCH, chunkIndex: 0, ...fromDb })).toEqual([]);
  });

  it('keeps no clear secret in the output and uses a fresh nonce each time', () => {
    const input = records(5);
    const a = sealChunk({ batchId: BATCH, chunkIndex: 0, records: input });
    const b = sealChunk({ batchId: BATCH, chunkIndex: 0, records: input });
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.toString('latin1')).not.toContain('GC00000000000003');
  });

  it('stores only cardId, token and pin', () => {
    const extra = [{ cardId: 'c', token: 't', pin: 'p', note: 'x' }];
    const sealed = sealChunk({ batchId: BATCH, chunkIndex: 0, records: extra });
    expect(openChunk({ batchId: BATCH, chunkIndex: 0, ...sealed })).toEqual([{ cardId: 'c', token: 't', pin: 'p' }]);
  });

  it(`refuses more than ${VAULT_CHUNK_SIZE} records`, () => {
    expect(() => sealChunk({ batchId: BATCH, chunkIndex: 0, records: records(VAULT_CHUNK_SIZE + 1) })).toThrow(RangeError);
  });
});

describe('openChunk refuses altered or misplaced chunks', () => {
  const sealed = () => sealChunk({ batchId: BATCH, chunkIndex: 1, records: records(3) });
  const flip = (bytes: Buffer, at: number) => {
    const copy = Buffer.from(bytes);
    copy[at]! ^= 0x01;
    return copy;
  };
  const AUTH_FAILURE = 'Vault chunk failed authentication';

  it.each([
    ['a flipped ciphertext byte', () => ({ ...sealed(), batchId: BATCH, chunkIndex: 1, ciphertext: flip(sealed().ciphertext, 0) })],
    [
      'a flipped tag byte',
      () => {
        const s = sealed();
        return { ...s, batchId: BATCH, chunkIndex: 1, ciphertext: flip(s.ciphertext, s.ciphertext.length - 1) };
      },
    ],
    [
      'a flipped nonce byte',
      () => {
        const s = sealed();
        return { ...s, batchId: BATCH, chunkIndex: 1, nonce: flip(s.nonce, 0) };
      },
    ],
    ['another batch', () => ({ ...sealed(), batchId: randomUUID(), chunkIndex: 1 })],
    ['another position', () => ({ ...sealed(), batchId: BATCH, chunkIndex: 2 })],
  ])('%s', (_, input) => {
    expect(() => openChunk(input())).toThrow(AUTH_FAILURE);
  });

  it('a different master key under the same key id', () => {
    const s = sealed();
    resetSecretKeysForTests(loadSecretKeysFrom(randomBytes(32).toString('base64'), 'k1'));
    expect(() => openChunk({ batchId: BATCH, chunkIndex: 1, ...s })).toThrow(AUTH_FAILURE);
  });

  it('an unknown key id, with a clear message', () => {
    expect(() => openChunk({ batchId: BATCH, chunkIndex: 1, ...sealed(), keyId: 'k0' })).toThrow(
      'Vault chunk was sealed with key id "k0", which is neither the current CARDSTOCK_SECRETS_KEY_ID nor in CARDSTOCK_SECRETS_RETIRED_KEYS.',
    );
  });

  it('a truncated chunk or nonce', () => {
    const s = sealed();
    expect(() => openChunk({ batchId: BATCH, chunkIndex: 1, ...s, ciphertext: s.ciphertext.subarray(0, 10) })).toThrow('malformed');
    expect(() => openChunk({ batchId: BATCH, chunkIndex: 1, ...s, nonce: s.nonce.subarray(0, 8) })).toThrow('malformed');
  });
});
