import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyAccessToken } from './access-token';

const claims = { clientId: 'till', apiClientId: '00000000-0000-0000-0000-000000000001', accountId: 'T12345678', scopes: ['read:wallets'] };

describe('access tokens', () => {
  it('round-trip the account and scopes and last 4 hours', async () => {
    const token = await issueAccessToken(claims);
    expect(await verifyAccessToken(token)).toEqual(claims);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(4 * 3600);
  });

  it('are refused once expired', async () => {
    const token = await issueAccessToken(claims, Date.now() - (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000);
    await expect(verifyAccessToken(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('are refused when tampered with', async () => {
    const token = await issueAccessToken(claims);
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), aid: 'T99999999' })).toString('base64url');
    await expect(verifyAccessToken(`${h}.${forged}.${s}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
