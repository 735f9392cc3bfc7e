/**
 * HQ card operations in real Chromium: HQ staff finds a card by the last 4 of its token, opens it
 * and blocks it with a reason; the counter then refuses it in a clerk's words; the Wallet API's
 * drawdown answers like an unknown card; an admin unblocks it and the drawdown succeeds.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { signInAndLand } from './fixtures/auth';

const ACCOUNT = 'T12345678';
const WALLET = `/v1/accounts/${ACCOUNT}/wallets`;

async function apiToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`/v1/accounts/${ACCOUNT}/auth/token`, {
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    data: { grant_type: 'client_credentials' },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).access_token;
}

async function post(request: APIRequestContext, token: string, path: string, data: unknown) {
  const response = await request.post(`${WALLET}${path}`, { headers: { authorization: `Bearer ${token}` }, data });
  return { status: response.status(), body: await response.json() };
}

test('find by last 4, block with a reason, the counter and the API refuse it, an admin unblocks it', async ({ browser, request }) => {
  const cardId = `e2e-ops-${randomBytes(5).toString('hex')}`;
  const token = await apiToken(request);
  const batch = await post(request, token, '/cards/batch', {
    cards: [{ card_id: cardId, type: 'gift_card' }],
    options: { card_token: { format: { length: 16, numbers: true, prefix: 'GC' } } },
  });
  expect(batch.status).toBe(200);
  const cardToken: string = batch.body.cards[0].card_token.token.value;
  expect((await post(request, token, `/cards/${cardId}/activate`, { amount: 50_000, currency: 'NOK' })).status).toBe(200);
  const drawdown = (t: string) =>
    post(request, token, '/transactions', { ref_id: `e2e-${randomBytes(6).toString('hex')}`, amount: 1_000, currency: 'NOK', token: t });

  // HQ staff: find by the last 4 of the token, open, block.
  const staff = await (await browser.newContext()).newPage();
  await signInAndLand(staff, 'staff@demo.test', /\/hq$/);
  await staff.goto('/hq/cards');
  await staff.getByLabel('Card id, last 4 of token, or token').fill(cardToken.slice(-4));
  await staff.getByRole('button', { name: 'Search' }).click();
  await expect(staff).toHaveURL(/\/hq\/cards$/); // the search is a POST: nothing in the URL
  await staff.getByTestId('card-search-results').getByRole('link', { name: cardId }).click();
  await expect(staff).toHaveURL(new RegExp(`/hq/cards/${cardId}$`));
  await expect(staff.getByTestId('card-facts')).not.toContainText(cardToken);
  await staff.getByLabel('Reason').selectOption({ label: 'Stolen' });
  await staff.getByLabel('Note (optional)').fill('Customer phoned at 10:14');
  await staff.getByRole('button', { name: 'Block this card', exact: true }).click();
  await expect(staff.getByTestId('card-facts')).toContainText('Blocked');
  await expect(staff.getByTestId('card-block')).toContainText('Stolen: Customer phoned at 10:14');
  await expect(staff.getByTestId('card-audit')).toContainText('card.block');

  // The counter: the clerk is told to keep it.
  const clerk = await (await browser.newContext()).newPage();
  await signInAndLand(clerk, 'oslo@demo.test', /\/store$/);
  const field = clerk.getByLabel('Scan or type the card');
  await expect(field).toBeFocused();
  await clerk.keyboard.type(cardToken);
  await clerk.keyboard.press('Enter');
  await expect(clerk.getByText('This card is blocked — keep it and call head office.')).toBeVisible();
  await expect(clerk.getByTestId('counter-card')).toContainText('Blocked');

  // The Wallet API: exactly an unknown card's answer.
  const unknown = await drawdown('GC0000000000000000');
  const refused = await drawdown(cardToken);
  expect(refused.status).toBe(404);
  expect(refused.body).toEqual(unknown.body);

  // An admin unblocks it; the drawdown succeeds.
  const admin = await (await browser.newContext()).newPage();
  await signInAndLand(admin, 'admin@demo.test', /\/hq$/);
  await admin.goto(`/hq/cards/${cardId}`);
  await admin.waitForLoadState('networkidle');
  await admin.getByRole('button', { name: 'Unblock this card', exact: true }).click();
  await expect(admin.getByRole('button', { name: 'Block this card', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(admin.getByTestId('card-facts')).not.toContainText('Blocked');
  const paid = await drawdown(cardToken);
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
});
