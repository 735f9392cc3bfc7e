/**
 * The finance reports in real Chromium: HQ staff opens each report, sees its chart (server-drawn
 * SVG with its table alternative) and downloads its CSV; the dashboard shows the liability; the
 * accounting page offers the journal with its SHA-256. Cards are seeded through the Wallet API.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { signInAndLand } from './fixtures/auth';

const ACCOUNT = 'T12345678';
const WALLET = `/v1/accounts/${ACCOUNT}/wallets`;

async function seedSale(request: APIRequestContext) {
  const auth = await request.post(`/v1/accounts/${ACCOUNT}/auth/token`, {
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    data: { grant_type: 'client_credentials' },
  });
  const headers = { authorization: `Bearer ${(await auth.json()).access_token}` };
  const cardId = `e2e-rep-${randomBytes(4).toString('hex')}`;
  const card = await request.post(`${WALLET}/cards`, { headers, data: { card_id: cardId, amount: 40_000, currency: 'NOK' } });
  expect(card.status(), await card.text()).toBe(200);
  const spend = await request.post(`${WALLET}/transactions`, { headers, data: { card_id: cardId, amount: 2_500, currency: 'NOK', ref_id: `till-${cardId}` } });
  expect(spend.status(), await spend.text()).toBe(200);
}

const REPORTS = [
  { path: 'liability', heading: 'Liability', table: 'Total per currency' },
  { path: 'aging', heading: 'Aging', table: 'By time since last transaction' },
  { path: 'movements', heading: 'Movements', table: 'Reconciliation' },
  { path: 'breakage', heading: 'Breakage', table: 'Estimate for the open liability' },
  { path: 'stores', heading: 'Store performance', table: 'Stores' },
];

test.describe('finance reports', () => {
  test.beforeAll(async ({ request }) => {
    await seedSale(request);
  });
  test.beforeEach(async ({ page }) => {
    await signInAndLand(page, 'staff@demo.test', /\/hq$/);
  });

  for (const report of REPORTS) {
    test(`${report.heading}: chart, table and CSV download`, async ({ page }) => {
      await page.goto(`/hq/reports/${report.path}`);
      await expect(page.getByRole('heading', { level: 1, name: report.heading })).toBeVisible();
      await expect(page.getByRole('heading', { name: report.table, exact: true })).toBeVisible();
      if (report.path !== 'breakage') {
        // The chart is an image with a title for screen readers; the table carries the figures.
        const chart = page.locator('svg[role="img"]').first();
        await expect(chart).toBeVisible();
        await expect(chart.locator('title')).toContainText('table');
      }
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`^${report.path}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      const text = readFileSync((await file.path())!, 'utf8');
      expect(text).toContain(report.table);
      expect(text).toContain('NOK');
    });
  }

  test('the PDF is a PDF, and bad options are a clear message', async ({ page, request }) => {
    await page.goto('/hq/reports/liability');
    const pdf = await page.request.get('/hq/reports/download/liability?format=pdf');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.goto('/hq/reports/liability?asOf=2026-13-45');
    await expect(page.getByText('Check the report options. Enter a date like 2026-11-30')).toBeVisible();
    // Without a session: sent to sign in, no CSV.
    const anonymous = await request.get('/hq/reports/download/liability?format=csv', { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(anonymous.status());
    expect(anonymous.headers()['content-type'] ?? '').not.toContain('text/csv');
  });

  test('dashboard shows the liability with a sparkline and links to the reports', async ({ page }) => {
    await expect(page.getByTestId('liability-NOK')).toBeVisible();
    await expect(page.locator('svg[data-chart="sparkline"]').first()).toBeVisible();
    await page.getByRole('link', { name: 'Liability report' }).click();
    await expect(page).toHaveURL(/\/hq\/reports\/liability$/);
  });

  test('accounting export: the journal with its SHA-256; staff cannot close a month', async ({ page }) => {
    await page.goto('/hq/reports/accounting');
    await expect(page.getByTestId('journal-sha256')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.getByRole('button', { name: /^Close / })).toHaveCount(0);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download journal CSV' }).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    expect(text.startsWith('date,account,debit,credit,currency,store,reference,description')).toBe(true);
  });
});
