import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInAndLand } from './fixtures/auth';

test('an HQ admin creates a till client of a store, sees its secret once, and revokes it', async ({ page, request }) => {
  await signInAndLand(page, 'admin@demo.test', /\/hq$/);
  await page.goto('/hq/api-clients');
  const clientId = `till-${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Name').fill('Oslo tills');
  await page.getByLabel('Client id').fill(clientId);
  await page.getByLabel('Access').selectOption('write:wallets:/transactions');
  await page.getByLabel('Store', { exact: true }).selectOption({ label: 'Oslo Downtown' });
  await page.getByRole('button', { name: 'Create API client' }).click();
  const secret = (await page.getByTestId('api-client-secret').textContent())!.trim();
  expect(secret.length).toBeGreaterThan(30);

  const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  const tokenRequest = () =>
    request.post('/v1/accounts/T12345678/auth/token', { headers: { authorization: basic }, data: { grant_type: 'client_credentials' } });
  const granted = await tokenRequest();
  expect(granted.status()).toBe(200);
  const { access_token: accessToken } = await granted.json();

  // Off the screen as soon as the admin has it: gone from the page, not just out of sight.
  await page.getByRole('button', { name: 'Hide it now' }).click();
  await expect(page.getByTestId('api-client-secret')).toHaveCount(0);
  await expect(page.getByTestId('api-client-secret-hidden')).toContainText('cannot be shown again');
  expect(await page.content()).not.toContain(secret);

  await page.reload();
  await expect(page.getByTestId('api-client-secret')).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(clientId) }).getByRole('cell', { name: 'Oslo Downtown' })).toBeVisible();
  await page.getByRole('button', { name: `Revoke ${clientId}` }).click();
  // Wait for the server's answer (the button hides itself while the action is pending).
  await expect(page.getByRole('row', { name: new RegExp(clientId) }).getByText('Revoked')).toBeVisible();

  expect((await tokenRequest()).status()).toBe(401);
  const afterRevoke = await request.post('/v1/accounts/T12345678/wallets/info', {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { token: '0000000000000000' },
  });
  expect(afterRevoke.status()).toBe(401);
});

test('HQ staff cannot reach API client management', async ({ page }) => {
  await signInAndLand(page, 'staff@demo.test', /\/hq$/);
  await page.goto('/hq/api-clients');
  await expect(page).toHaveURL(/\/denied$/);
});
