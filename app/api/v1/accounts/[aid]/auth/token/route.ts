// POST /v1/accounts/{aid}/auth/token – client-credentials grant: HTTP Basic client_id:client_secret → access token
import { z } from 'zod';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from '@/lib/api/access-token';
import { publicRoute } from '@/lib/edge/public-route';
import { jsonResponse } from '@/lib/edge/respond';
import { ACCOUNT_ID, parseWith, readJsonBody } from '@/lib/edge/api-route';
import { authenticateApiClient } from '@/lib/api-clients/authenticate-api-client';
import { clientAddress } from '@/lib/auth/client-address';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';

const tokenRequestSchema = z.object({
  grant_type: z.literal('client_credentials', { message: 'grant_type must be client_credentials' }),
  audience: z.string().max(500).optional(),
});

function basicCredentials(request: Request): { clientId: string; secret: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get('authorization') ?? '');
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new AppError('UNAUTHENTICATED', 'Send the client credentials with HTTP Basic authentication.');
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export const POST = publicRoute<{ aid: string }>('auth.token', async ({ request, params: { aid } }) => {
  if (!ACCOUNT_ID.test(aid)) throw new AppError('NOT_FOUND', 'Unknown account.');
  // Who is asking comes first: bad credentials are a 401 whatever the body says.
  const { clientId, secret } = basicCredentials(request);
  // Failures are limited per client id and, behind trusted proxies, per client address (429 + Retry-After).
  const address = clientAddress(request.headers.get('x-forwarded-for'), getEnv().AUTH_TRUSTED_PROXY_HOPS);
  const client = await authenticateApiClient(aid, clientId, secret, { address });
  const body = parseWith(tokenRequestSchema, await readJsonBody(request));
  if (body.audience && !body.audience.replace(/\/+$/, '').endsWith(`/v1/accounts/${aid}`)) {
    throw new AppError('UNPROCESSABLE', `audience must be …/v1/accounts/${aid}`);
  }
  const accessToken = await issueAccessToken({
    clientId: client.clientId,
    apiClientId: client.apiClientId,
    accountId: client.accountId,
    scopes: client.scopes,
  });
  return jsonResponse({ access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS });
});
