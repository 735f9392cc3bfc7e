/** Test fixtures for the Wallet API HTTP tests: accounts, API clients with chosen scopes, tokens. */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { apiFetch, getApiToken } from '@/lib/testing/http-client';

export const DEMO_ACCOUNT = 'T12345678';

export function uniqueId(prefix = 'gc'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export async function createApiClient(db: PrismaClient, accountId: string, scopes: string[]) {
  const clientId = uniqueId('client');
  const secret = randomBytes(18).toString('base64url');
  await db.account.upsert({ where: { id: accountId }, create: { id: accountId, name: `Test ${accountId}`, defaultCurrency: 'NOK' }, update: {} });
  await db.apiClient.create({ data: { accountId, clientId, secretHash: await hashPassword(secret), scopes, createdBy: 'test' } });
  const token = await getApiToken({ clientId, clientSecret: secret, accountId });
  return { clientId, secret, token };
}

export function wallet(accountId = DEMO_ACCOUNT) {
  return `/v1/accounts/${accountId}/wallets`;
}

export async function createBatch(token: string, cardIds: string[], options?: unknown, headers?: Record<string, string>) {
  return apiFetch(`${wallet()}/cards/batch`, {
    token,
    headers,
    body: { cards: cardIds.map((card_id) => ({ card_id, type: 'gift_card' })), ...(options ? { options } : {}) },
  });
}

export async function activate(token: string, cardId: string, body: Record<string, unknown> = { amount: 50000, currency: 'NOK' }) {
  return apiFetch(`${wallet()}/cards/${encodeURIComponent(cardId)}/activate`, { token, body });
}

/** A fresh card activated with `amount`, returning its card_id, token and PIN. */
export async function activeCard(token: string, amount = 50000) {
  const cardId = uniqueId();
  const batch = await createBatch(token, [cardId]);
  if (batch.status !== 200) throw new Error(`batch failed: ${batch.text}`);
  const card = batch.body.cards[0];
  const activated = await activate(token, cardId, { amount, currency: 'NOK' });
  if (activated.status !== 200) throw new Error(`activation failed: ${activated.text}`);
  return { cardId, token: card.card_token.token.value as string, pin: card.pin.pin.value as string };
}

/**
 * The API clients most Wallet API tests need, one per kind of caller: admin, writer, read-only,
 * a till limited to `/transactions`, and an admin of another account. Tokens are fetched in
 * parallel (each is a real token request to the server under test).
 */
export async function standardApiClients(db: PrismaClient) {
  const [admin, writer, readOnly, tillOnly, otherAccount] = await Promise.all([
    createApiClient(db, DEMO_ACCOUNT, ['admin:wallets']),
    createApiClient(db, DEMO_ACCOUNT, ['write:wallets']),
    createApiClient(db, DEMO_ACCOUNT, ['read:wallets']),
    createApiClient(db, DEMO_ACCOUNT, ['write:wallets:/transactions']),
    createApiClient(db, 'T99999999', ['admin:wallets']),
  ]);
  return { admin: admin.token, writer: writer.token, readOnly: readOnly.token, tillOnly: tillOnly.token, otherAccount: otherAccount.token };
}
