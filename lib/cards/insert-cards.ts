/**
 * Writes new inactive cards with their hashed secrets, and seals their clear secrets into the
 * batch's vault, in the caller's transaction. Shared by the API batch (one call) and the
 * background print-run fill (one call per chunk, resuming where the last committed chunk ended).
 */
import type { DbTx } from '@/lib/db/client';
import type { CardType } from '@/lib/generated/prisma/client';
import type { SecretFormat } from '@/lib/secrets/format';
import { sealChunk, VAULT_CHUNK_SIZE } from '@/lib/secrets/vault';
import type { IssuedSecrets } from './issue-secrets';

export interface NewCards {
  accountId: string;
  batchId: string;
  /** Position of the first card within the batch (a multiple of VAULT_CHUNK_SIZE). */
  offset: number;
  cards: { cardId: string; type: CardType }[];
  secrets: IssuedSecrets[];
  pinFormat: SecretFormat;
  tokenFormat: SecretFormat;
  createdBy: string;
}

export async function insertCardsWithSecrets(tx: DbTx, input: NewCards): Promise<void> {
  if (input.offset % VAULT_CHUNK_SIZE !== 0) throw new Error('insertCardsWithSecrets: offset must be a multiple of the vault chunk size');
  await tx.card.createMany({
    data: input.cards.map((c, i) => {
      const s = input.secrets[i]!;
      return {
        id: s.pk,
        accountId: input.accountId,
        cardId: c.cardId,
        batchId: input.batchId,
        type: c.type,
        tokenHash: s.tokenHash,
        maskedCode: s.maskedCode,
        tokenFormat: input.tokenFormat,
        pinHash: s.pinHash,
        pinFormat: input.pinFormat,
        createdBy: input.createdBy,
      };
    }),
  });
  const chunks = [];
  for (let start = 0; start < input.cards.length; start += VAULT_CHUNK_SIZE) {
    const chunkIndex = (input.offset + start) / VAULT_CHUNK_SIZE;
    const records = input.cards.slice(start, start + VAULT_CHUNK_SIZE).map((c, i) => ({
      cardId: c.cardId,
      token: input.secrets[start + i]!.token,
      pin: input.secrets[start + i]!.pin,
    }));
    const sealed = sealChunk({ batchId: input.batchId, chunkIndex, records });
    chunks.push({ batchId: input.batchId, chunkIndex, keyId: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext });
  }
  await tx.secretVaultChunk.createMany({ data: chunks });
}
