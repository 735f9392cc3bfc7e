import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, forgetVerifiedTokens, issueAccessToken, verifyAccessToken } from './access-token';

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

describe('verified access tokens kept in memory', () => {
  it('are answered from memory only until they expire', async () => {
    forgetVerifiedTokens();
    // Issued so that it expires 2 s from now.
    const token = await issueAccessToken(claims, Date.now() - ACCESS_TOKEN_TTL_SECONDS * 1000 + 2000);
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
    expect(await verifyAccessToken(token)).toEqual(claims);
    expect(await verifyAccessToken(token, exp - 1)).toEqual(claims);
    await expect(verifyAccessToken(token, exp)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('keep no failure: a token refused once is checked again, and a forged one never matches a kept one', async () => {
    forgetVerifiedTokens();
    const token = await issueAccessToken(claims);
    expect(await verifyAccessToken(token)).toEqual(claims);
    await expect(verifyAccessToken(`${token}x`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifyAccessToken(`${token.slice(0, -2)}AA`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await verifyAccessToken(token)).toEqual(claims);
  });
});
