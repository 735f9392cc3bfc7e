/**
 * Webhook signing secrets, sealed at rest with the vault key (AES-256-GCM, random nonce): HMAC
 * signing needs the clear secret, so a hash will not do. The AAD binds a sealed secret to its
 * subscription and key id, so it cannot be copied onto another subscription.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { getSecretKeys, secretKeysById } from '@/lib/secrets/keys';

const TAG_BYTES = 16;
const aad = (subscriptionId: string, keyId: string) => Buffer.from(`webhook-secret:${subscriptionId}:${keyId}`, 'utf8');

export interface SealedSecret {
  keyId: string;
  nonce: Buffer<ArrayBuffer>;
  ciphertext: Buffer<ArrayBuffer>;
}

export function sealWebhookSecret(subscriptionId: string, secret: string): SealedSecret {
  const { keyId, vaultKey } = getSecretKeys();
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', vaultKey, nonce);
  cipher.setAAD(aad(subscriptionId, keyId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { keyId, nonce, ciphertext };
}

export function openWebhookSecret(subscriptionId: string, sealed: { keyId: string; nonce: Uint8Array; ciphertext: Uint8Array }): string {
  const keys = secretKeysById(sealed.keyId);
  if (!keys) throw new Error(`Webhook secret was sealed with key id "${sealed.keyId}", which is not configured.`);
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keys.vaultKey, sealed.nonce);
  decipher.setAAD(aad(subscriptionId, sealed.keyId));
  decipher.setAuthTag(sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Webhook secret failed authentication.');
  }
}

/** A new random secret: 32 bytes, hex. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}
