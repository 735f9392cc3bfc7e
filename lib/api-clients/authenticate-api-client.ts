import type { ApiClientActor } from '@/lib/auth/actor';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/**
 * Checks an API client's id and secret for the token endpoint. Unknown client, wrong secret,
 * revoked client and wrong account all give the same answer.
 */
export async function authenticateApiClient(accountId: string, clientId: string, secret: string): Promise<ApiClientActor> {
  const client = await getDb().apiClient.findUnique({ where: { clientId } });
  const isValid = client ? await verifyPassword(secret, client.secretHash) : await verifyAgainstDummy(secret);
  if (!client || !isValid || client.revokedAt || client.accountId !== accountId) {
    throw new AppError('UNAUTHENTICATED', 'Invalid client credentials.');
  }
  return { kind: 'api_client', apiClientId: client.id, clientId: client.clientId, accountId: client.accountId, scopes: client.scopes };
}

/** The API client behind a verified access token, if it still exists and is not revoked. */
export async function loadApiClientActor(apiClientId: string): Promise<ApiClientActor | null> {
  const client = await getDb().apiClient.findUnique({ where: { id: apiClientId } });
  if (!client || client.revokedAt) return null;
  return { kind: 'api_client', apiClientId: client.id, clientId: client.clientId, accountId: client.accountId, scopes: client.scopes };
}
