/**
 * Writes new inactive cards with their hashed secrets, and seals their clear secrets into the
 * batch's vault, in the caller's transaction. Shared by the API batch (one call) and the
 * background print-run fill (one call per chunk, resuming where the last committed chunk ended).
 */
import type { DbTx } from '@/lib/db/client';
import type { CardType } from '@/lib/generated/prisma/client';
import type { SecretFormat } from '@/lib/secrets/format';
import { sealChunk, VAULT_CHUNK_SIZE } from '@/lib/secrets/vault';
import { assertTokensFree, type IssuedSecrets, type TokenBehaviour } from './issue-secrets';

export interface NewCards {
  accountId: string;
  batchId: string;
  /** Position of the first card within the batch (a multiple of VAULT_CHUNK_SIZE). */
  offset: number;
  cards: { cardId: string; type: CardType }[];
  secrets: IssuedSecrets[];
  pinFormat: SecretFormat;
  tokenFormat: SecretFormat;
  /** The own tokens' behaviour, the same for the whole batch (a lifetime counts from activation). */
  tokenBehaviour?: TokenBehaviour;
  createdBy: string;
}

export async function insertCardsWithSecrets(tx: DbTx, input: NewCards): Promise<void> {
  if (input.offset % VAULT_CHUNK_SIZE !== 0) throw new Error('insertCardsWithSecrets: offset must be a multiple of the vault chunk size');
  await assertTokensFree(
    tx,
    input.accountId,
    'cards',
    input.secrets.map((s) => s.token),
    input.secrets.map((s) => s.tokenHash),
  );
  const behaviour = input.tokenBehaviour ?? { expiresIn: null, isSingleUse: false };
  // One INSERT … SELECT FROM unnest(arrays) instead of an ORM createMany: a 5,000-row chunk is a
  // handful of array parameters rather than 65,000 scalar ones (several times faster).
  await tx.$executeRaw`
    INSERT INTO cards (id, account_id, card_id, batch_id, type, token_hash, masked_code, token_format, token_expires_in, token_single_use,
                       pin_hash, pin_format, created_by)
    SELECT u.id, ${input.accountId}, u.card_id, ${input.batchId}::uuid, u.type::"CardType", u.token_hash, u.masked_code,
           ${JSON.stringify(input.tokenFormat)}::jsonb, ${behaviour.expiresIn}::int, ${behaviour.isSingleUse}::boolean,
           u.pin_hash, ${JSON.stringify(input.pinFormat)}::jsonb, ${input.createdBy}
    FROM unnest(
      ${input.secrets.map((s) => s.pk)}::uuid[],
      ${input.cards.map((c) => c.cardId)}::text[],
      ${input.cards.map((c) => c.type)}::text[],
      ${input.secrets.map((s) => s.tokenHash)}::text[],
      ${input.secrets.map((s) => s.maskedCode)}::text[],
      ${input.secrets.map((s) => s.pinHash)}::text[]
    ) AS u(id, card_id, type, token_hash, masked_code, pin_hash)`;
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
