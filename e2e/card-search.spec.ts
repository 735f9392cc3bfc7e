/**
 * HQ's card search and the audit log in real Chromium (issue 12, "Find" and "Audit log"): staff
 * search by filters (the address then holds them, never the typed card id/token), sort by a
 * column, page forward and back, open a card; an admin filters the audit log by a card and
 * downloads its CSV.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return response.json();
}

test('search by filters, sort, page, open a card; the audit log filtered by that card and its CSV', async ({ browser, request }) => {
  const run = randomBytes(4).toString('hex');
  const prefix = `e2e-find-${run}-`;
  const customer = `e2e-cust-${run}`;
  const ids = Array.from({ length: 30 }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
  const token = await apiToken(request);
  await post(request, token, '/cards/batch', { cards: ids.map((card_id) => ({ card_id, type: 'gift_card' })) });
  await post(request, token, `/cards/${ids[0]}/activate`, { amount: 10_000, currency: 'NOK', customer_id: customer });
  await post(request, token, `/cards/${ids[1]}/activate`, { amount: 30_000, currency: 'NOK', customer_id: customer });

  const staff = await (await browser.newContext()).newPage();
  await signInAndLand(staff, 'staff@demo.test', /\/hq$/);
  await staff.goto('/hq/cards');
  const results = staff.getByTestId('card-search-results');
  const cardLinks = results.getByRole('link');

  // A customer filter: exactly its two cards; the address keeps the filter (a bookmark).
  await staff.getByLabel('Customer id').fill(customer);
  await staff.getByRole('button', { name: 'Search' }).click();
  await expect(staff.getByTestId('card-search-count')).toHaveText('2 cards · page 1');
  await expect(cardLinks).toHaveCount(2);
  await expect(results).toContainText(ids[0]!);
  await expect(results).toContainText(ids[1]!);
  await expect(staff).toHaveURL(new RegExp(`customer=${customer}`));

  // Sort by balance: ascending, then descending.
  await results.getByRole('button', { name: /^Balance/ }).click();
  await expect(cardLinks).toHaveText([ids[0]!, ids[1]!]);
  await expect(results.getByRole('columnheader', { name: /Balance/ })).toHaveAttribute('aria-sort', 'ascending');
  await results.getByRole('button', { name: /^Balance/ }).click();
  await expect(cardLinks).toHaveText([ids[1]!, ids[0]!]);
  await expect(staff).toHaveURL(/sort=balance/);

  // The bookmark opens the same search.
  await staff.reload();
  await expect(staff.getByLabel('Customer id')).toHaveValue(customer);
  await expect(cardLinks).toHaveText([ids[1]!, ids[0]!]);

  // A bad amount is a field error beside its field; the cards found stay on screen.
  await staff.getByLabel('Balance at least (NOK)').fill('ten');
  await staff.getByRole('button', { name: 'Search' }).click();
  await expect(staff.getByLabel('Balance at least (NOK)')).toHaveAttribute('aria-invalid', 'true');
  await expect(staff.locator('#balance_min-error')).toHaveText('Enter an amount like 500 or 499,50');
  await expect(cardLinks).toHaveCount(2);
  await staff.getByLabel('Balance at least (NOK)').fill('');

  // A card id prefix (typed into the field a scanner uses: never in the address), 25 a page.
  await staff.getByLabel('Customer id').fill('');
  await staff.getByLabel('Card id, last 4 of token, or token').fill(prefix);
  await staff.getByLabel('Cards per page').selectOption('25');
  await results.getByRole('button', { name: /^Card/ }).click(); // by card id, ascending
  await expect(staff.getByTestId('card-search-count')).toHaveText('30 cards · page 1');
  await expect(cardLinks).toHaveCount(25);
  await expect(cardLinks.first()).toHaveText(ids[0]!);
  await expect(staff).not.toHaveURL(new RegExp(prefix));
  await staff.getByRole('button', { name: 'Next page' }).click();
  await expect(staff.getByTestId('card-search-count')).toHaveText('30 cards · page 2');
  await expect(cardLinks).toHaveText(ids.slice(25));
  await staff.getByRole('button', { name: 'Previous page' }).click();
  await expect(cardLinks).toHaveCount(25);
  await expect(cardLinks.first()).toHaveText(ids[0]!);

  // Open a card.
  await cardLinks.first().click();
  await expect(staff).toHaveURL(new RegExp(`/hq/cards/${ids[0]}$`));

  // The audit log: an admin filters by the card and downloads the CSV of that filter.
  const admin = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAndLand(admin, 'admin@demo.test', /\/hq$/);
  await admin.goto('/hq/audit');
  await admin.getByLabel('Card id').fill(ids[0]!);
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin).toHaveURL(new RegExp(`card=${ids[0]}`));
  const events = admin.getByTestId('audit-events');
  await expect(events).toContainText('Card activated');
  // Only this card's events: every row's target is it.
  const rows = await events.locator('tbody tr').count();
  expect(rows).toBeGreaterThan(0);
  await expect(events.locator('tbody tr').getByRole('link', { name: ids[0], exact: true })).toHaveCount(rows);
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-T12345678-.*\.csv$/);
  const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
  expect(csv[0]).toBe('time,actor_type,actor_id,actor,action,action_label,target_type,target_id,target,data');
  expect(csv).toHaveLength(rows + 1);
  expect(csv.some((line) => line.includes(',card.activate,"Card activated",card,'))).toBe(true);
  for (const line of csv.slice(1)) expect(line).toContain(`,${ids[0]},`);

  // Staff may search cards but not read the audit log.
  await staff.goto('/hq/audit');
  await expect(staff).toHaveURL(/\/denied/);
});
