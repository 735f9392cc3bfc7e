import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signInAndLand } from './fixtures/auth';
import { formatDateTime } from '@/lib/time/format';
import { e2eDb } from './fixtures/db';
import { unzip } from '@/lib/testing/vault-fixtures';

const uniquePrefix = () => `E${randomBytes(3).toString('hex').toUpperCase()}-`;

async function orderRun(page: Page, options: { quantity: number; prefix: string }) {
  await page.goto('/hq/print-runs/new');
  await page.getByLabel('Quantity').fill(String(options.quantity));
  await page.getByLabel('Prefix', { exact: true }).fill(options.prefix);
  await page.getByLabel('Start number').fill('1');
  await page.getByLabel('Digits').fill('6');
}

test.describe('print runs', () => {
  test('an HQ admin orders a 25-card run with a custom format, releases the print file once', async ({ page }) => {
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    const prefix = uniquePrefix();
    await orderRun(page, { quantity: 25, prefix });
    await page.getByLabel('Add a Luhn check digit').check();
    // Token: 12 letters with prefix PR; PIN: 8 digits.
    await page.locator('#tokenLength').fill('12');
    await page.locator('#tokenPrefix').fill('PR');
    await page.locator('#tokenNumbers').uncheck();
    await page.locator('#tokenCharacters').check();
    await page.locator('#pinLength').fill('8');
    await page.getByLabel('Manufacturer (optional)').fill('Nordic Card Print AS');
    await page.getByLabel('Purchase-order reference (optional)').fill(`PO-${prefix}`);
    const first = (await page.getByTestId('first-card-id').textContent())!.trim();
    const last = (await page.getByTestId('last-card-id').textContent())!.trim();
    expect(first.startsWith(`${prefix}000001`)).toBe(true);
    expect(last.startsWith(`${prefix}000025`)).toBe(true);
    await page.getByRole('button', { name: 'Order print run' }).click();

    await expect(page).toHaveURL(/\/hq\/print-runs\/[0-9a-f-]{36}$/);
    const release = page.getByRole('link', { name: 'Release print file' });
    await expect(release).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Ready').first()).toBeVisible();
    await release.click();

    await page.getByLabel('Your password').fill(DEMO_PASSWORD);
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download print file (CSV)' }).click();
    const download = await downloadPromise;
    const file = readFileSync((await download.path())!);
    const lines = file.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('card_id,card_token,pin,barcode_payload');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(25);
    expect(rows[0]![0]).toBe(first);
    expect(rows.at(-1)![0]).toBe(last);
    const tokens = rows.map((r) => r[1]!);
    const pins = rows.map((r) => r[2]!);
    expect(new Set(tokens).size).toBe(25);
    expect(new Set(pins).size).toBe(25);
    for (const token of tokens) expect(token).toMatch(/^PR[A-HJ-NP-Z]{12}$/);
    for (const pin of pins) expect(pin).toMatch(/^\d{8}$/);
    for (const row of rows) expect(row[3]).toBe(row[1]);

    // The page hashed what it received and confirmed it: the release record shows without a reload.
    const sha256 = createHash('sha256').update(file).digest('hex');
    await expect(page.getByTestId('print-file-sha256')).toHaveText(sha256);
    await expect(page.getByRole('status').filter({ hasText: 'Released by admin@demo.test' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download print file (CSV)' })).toHaveCount(0);
    // While the page is open it can save the same bytes again.
    const againPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save it again' }).click();
    expect(
      createHash('sha256')
        .update(readFileSync((await (await againPromise).path())!))
        .digest('hex'),
    ).toBe(sha256);
    await page.reload();
    await expect(page.getByTestId('print-file-sha256')).toHaveText(sha256);
    // A second release is refused on the server, whatever the page shows.
    const again = await page.request.post(`${page.url()}/print-file`, {
      form: { password: DEMO_PASSWORD },
      headers: { origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    // And the vault is empty.
    const db = await e2eDb();
    const batchId = page.url().split('/').at(-2)!;
    expect(await db.secretVaultChunk.count({ where: { batchId } })).toBe(0);
  });

  test('an HQ admin releases the print file as a ZIP with barcode images and a proof sheet', async ({ page }) => {
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    const prefix = uniquePrefix();
    await orderRun(page, { quantity: 6, prefix });
    const first = (await page.getByTestId('first-card-id').textContent())!.trim();
    const last = (await page.getByTestId('last-card-id').textContent())!.trim();
    await page.getByRole('button', { name: 'Order print run' }).click();
    await expect(page).toHaveURL(/\/hq\/print-runs\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Release print file' }).click({ timeout: 30_000 });

    await page.getByLabel('Your password').fill(DEMO_PASSWORD);
    await page.getByLabel('Also include barcode images and a PDF proof sheet (ZIP)').check();
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download print file (ZIP)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(`print-run-${first}-${last}.zip`);
    const path = (await download.path())!;
    const file = readFileSync(path);
    expect(file.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

    const files = await unzip(file);
    const names = [...files.keys()];
    const pngs = names.filter((n) => /^barcodes\/.+\.png$/.test(n));
    expect(names.filter((n) => n.endsWith('.csv'))).toEqual(['print-file.csv']);
    expect(names).toContain('proof.pdf');
    expect(pngs).toHaveLength(6);
    expect(names).toHaveLength(6 + 2);
    const lines = files.get('print-file.csv')!.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('card_id,card_token,pin,barcode_payload');
    const ids = lines.slice(1).map((l) => l.split(',')[0]!);
    expect(ids).toHaveLength(6);
    expect(ids[0]).toBe(first);
    expect(pngs).toEqual(ids.map((id) => `barcodes/${id}.png`));
    for (const png of pngs) expect(files.get(png)!.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(files.get('proof.pdf')!.subarray(0, 4).toString('latin1')).toBe('%PDF');

    await expect(page.getByTestId('print-file-sha256')).toHaveText(createHash('sha256').update(file).digest('hex'));
    await expect(page.getByRole('button', { name: /Download print file/ })).toHaveCount(0);
    const db = await e2eDb();
    const batchId = page.url().split('/').at(-2)!;
    expect(await db.secretVaultChunk.count({ where: { batchId } })).toBe(0);
  });

  test('a wrong password or a cross-site post releases nothing', async ({ page }) => {
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    await orderRun(page, { quantity: 2, prefix: uniquePrefix() });
    await page.getByRole('button', { name: 'Order print run' }).click();
    await page.getByRole('link', { name: 'Release print file' }).click({ timeout: 30_000 });
    await page.getByLabel('Your password').fill('not-my-password');
    await page.getByRole('button', { name: 'Download print file (CSV)' }).click();
    await expect(page.getByText('Password incorrect')).toBeVisible();
    await expect(page.getByLabel('Your password')).toHaveAttribute('aria-invalid', 'true');
    expect(page.url()).not.toContain('not-my-password');
    // Without JavaScript the form posts natively: the wrong password comes back to the page.
    const releaseUrl = page.url().split('?')[0]!;
    const native = await page.request.post(`${releaseUrl}/print-file`, {
      form: { password: 'not-my-password' },
      headers: { origin: new URL(releaseUrl).origin, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(native.status()).toBe(303);
    expect(native.headers().location).toMatch(/\?error=password$/);
    const crossSite = await page.request.post(`${releaseUrl}/print-file`, {
      form: { password: DEMO_PASSWORD },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    const db = await e2eDb();
    const batchId = releaseUrl.split('/').at(-2)!;
    expect((await db.batch.findUniqueOrThrow({ where: { id: batchId } })).secretsState).toBe('AWAITING_RELEASE');
    expect(await db.auditEvent.count({ where: { action: 'secrets.release_refused_password', targetId: batchId } })).toBe(2);
  });

  test('a download without confirmation keeps the secrets; the admin confirms the file by hand', async ({ page }) => {
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    await orderRun(page, { quantity: 4, prefix: uniquePrefix() });
    await page.getByRole('button', { name: 'Order print run' }).click();
    await page.getByRole('link', { name: 'Release print file' }).click({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/release$/);
    const releaseUrl = page.url();
    const origin = new URL(releaseUrl).origin;
    const db = await e2eDb();
    const batchId = releaseUrl.split('/').at(-2)!;

    // A client that takes the whole file but never confirms it (a browser without Web Crypto, a
    // page closed in time): nothing is destroyed, and it may download again.
    const first = await page.request.post(`${releaseUrl}/print-file`, { form: { password: DEMO_PASSWORD }, headers: { origin } });
    expect(first.status()).toBe(200);
    const file = await first.body();
    const second = await page.request.post(`${releaseUrl}/print-file`, { form: { password: DEMO_PASSWORD }, headers: { origin } });
    expect(second.status()).toBe(200);
    expect(await second.body()).toEqual(file);
    expect(await db.secretVaultChunk.count({ where: { batchId } })).toBe(1);

    await page.reload();
    await expect(page.getByTestId('unconfirmed-download')).toContainText('admin@demo.test downloaded the print file');
    const sha256 = createHash('sha256').update(file).digest('hex');
    await expect(page.getByText(sha256)).toHaveCount(0); // the value to confirm must come from the file

    // A checksum of some other file is refused and keeps the secrets.
    await page.getByLabel('SHA-256 of the file you received').fill('0'.repeat(64));
    await page.locator('#confirm-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Confirm and destroy the secrets' }).click();
    await expect(page.getByText('The secrets were kept: download the print file again.')).toBeVisible();
    expect(await db.secretVaultChunk.count({ where: { batchId } })).toBe(1);

    await page.getByLabel('SHA-256 of the file you received').fill(sha256.toUpperCase());
    await page.locator('#confirm-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Confirm and destroy the secrets' }).click();
    await expect(page.getByTestId('print-file-sha256')).toHaveText(sha256);
    expect(await db.secretVaultChunk.count({ where: { batchId } })).toBe(0);
    const again = await page.request.post(`${releaseUrl}/print-file`, { form: { password: DEMO_PASSWORD }, headers: { origin }, maxRedirects: 0 });
    expect(again.status()).toBe(409);
  });

  test('HQ staff can order a run but not release its secrets', async ({ page }) => {
    await signInAndLand(page, 'staff@demo.test', /\/hq$/);
    await orderRun(page, { quantity: 3, prefix: uniquePrefix() });
    await page.getByRole('button', { name: 'Order print run' }).click();
    await expect(page).toHaveURL(/\/hq\/print-runs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('link', { name: 'Export card ids (CSV)' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('link', { name: 'Release print file' })).toHaveCount(0);
    const url = page.url();
    await page.goto(`${url}/release`);
    await expect(page).toHaveURL(/\/denied$/);
    const post = await page.request.post(`${url}/release/print-file`, {
      form: { password: DEMO_PASSWORD },
      headers: { origin: new URL(url).origin },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    // The browser's page for that refusal links where staff can go, not to the release page.
    const html = await page.request.post(`${url}/release/print-file`, {
      form: { password: DEMO_PASSWORD },
      headers: { origin: new URL(url).origin, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(html.status()).toBe(403);
    const body = await html.text();
    expect(body).toContain('<a href="/">Go to your start page</a>');
    expect(body).not.toContain('Back to the release page');
    // The attempt is in the audit log, with who tried.
    const db = await e2eDb();
    const staff = await db.user.findUniqueOrThrow({ where: { email: 'staff@demo.test' } });
    const batchId = url.split('/').at(-1)!;
    // HQ shows times in the account's zone (Europe/Oslo), like the counter — not UTC.
    const run = await db.batch.findUniqueOrThrow({ where: { id: batchId } });
    await page.goto(url);
    await expect(page.getByRole('main')).toContainText(formatDateTime(run.createdAt, 'Europe/Oslo'));
    await expect(page.getByRole('main')).not.toContainText('UTC');
    // A cross-site post is refused and audited too.
    const crossSite = await page.request.post(`${url}/release/print-file`, {
      form: { password: DEMO_PASSWORD },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    const refusals = await db.auditEvent.findMany({ where: { action: 'secrets.release_refused', targetId: batchId, actorId: staff.id } });
    expect(refusals.map((r) => (r.data as { reason: string }).reason).sort()).toEqual(['cross_site', 'permission', 'permission']);
    // Viewing the run is audited too.
    expect(await db.auditEvent.count({ where: { action: 'print_run.view', targetId: batchId, actorId: staff.id } })).toBeGreaterThanOrEqual(1);
  });

  test('a clerk can reach none of it', async ({ page }) => {
    const db = await e2eDb();
    // Any run of the account will do; make one when this test runs on its own.
    const batch =
      (await db.batch.findFirst({ where: { accountId: 'T12345678' } })) ??
      (await db.batch.create({ data: { accountId: 'T12345678', quantity: 0, status: 'READY', spec: {}, createdBy: 'e2e' } }));
    await signInAndLand(page, 'bergen@demo.test', /\/store$/);
    for (const url of ['/hq/print-runs', '/hq/print-runs/new', `/hq/print-runs/${batch.id}`, `/hq/print-runs/${batch.id}/release`]) {
      await page.goto(url);
      await expect(page, url).toHaveURL(/\/denied$/);
    }
    for (const url of [`/hq/print-runs/${batch.id}/cards.csv`, `/hq/print-runs/${batch.id}/progress`]) {
      const res = await page.request.get(url, { maxRedirects: 0 });
      expect([302, 303, 307, 401, 403], url).toContain(res.status());
    }
    // Posting the release form gets a clerk nowhere either.
    const origin = new URL(page.url()).origin;
    const post = await page.request.post(`/hq/print-runs/${batch.id}/release/print-file`, { form: { password: 'x' }, headers: { origin }, maxRedirects: 0 });
    // 303, not 307: the browser must not re-send the form (a password) to the new URL.
    expect([303, 403]).toContain(post.status());
  });

  test('invalid input shows field errors and creates nothing', async ({ page }) => {
    const db = await e2eDb();
    const prefix = uniquePrefix();
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    await page.goto('/hq/print-runs/new');
    await page.getByLabel('Prefix', { exact: true }).fill(prefix);
    await page.getByLabel('Quantity').fill('0');
    await page.locator('#tokenLength').fill('3');
    await page.locator('#pinNumbers').uncheck();
    await page.getByRole('button', { name: 'Order print run' }).click();
    await expect(page.getByText('Quantity must be at least 1')).toBeVisible();
    await expect(page.locator('#tokenLength')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('choose at least one of numbers, characters, symbols')).toBeVisible();
    await expect(page.getByLabel('Quantity')).toHaveValue('0');
    await expect(page).toHaveURL(/\/new$/);
    // Other tests order runs in parallel: look for this form's run only.
    expect(await db.batch.count({ where: { spec: { path: ['scheme', 'prefix'], equals: prefix } } })).toBe(0);
  });
});
