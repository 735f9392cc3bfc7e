/**
 * The store counter in real Chromium: a clerk sells cards with the keyboard (a scanner types the
 * code and Enter), the Wallet API sees the result, and undo, Luhn typos, other stores and double
 * submits behave. Each test seeds its own cards through the Wallet API.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { cardIdAt } from '@/lib/print-runs/card-id-scheme';
import { formatCalendarDate, formatTime } from '@/lib/time/format';
import { signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

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

/** Fresh inactive cards (READY batch) with their one-time tokens and PINs. */
async function seedCards(request: APIRequestContext, ids: string[]) {
  const token = await apiToken(request);
  const response = await request.post(`${WALLET}/cards/batch`, {
    headers: { authorization: `Bearer ${token}` },
    data: { cards: ids.map((card_id) => ({ card_id, type: 'gift_card' })), options: { card_token: { format: { length: 16, numbers: true, prefix: 'GC' } } } },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = await response.json();
  return {
    token,
    cards: body.cards.map((c: { card_id: string; card_token: { token: { value: string } } }) => ({ cardId: c.card_id, token: c.card_token.token.value })) as {
      cardId: string;
      token: string;
    }[],
  };
}

async function api(request: APIRequestContext, token: string, path: string, data?: unknown) {
  const headers = { authorization: `Bearer ${token}` };
  const response = data === undefined ? await request.get(`${WALLET}${path}`, { headers }) : await request.post(`${WALLET}${path}`, { headers, data });
  return { status: response.status(), body: await response.json() };
}

const freshId = () => `e2e-${randomBytes(5).toString('hex')}`;

/** Scan: the scanner types the code and presses Enter. */
async function scan(page: Page, code: string) {
  const field = page.getByLabel('Scan or type the card');
  await expect(field).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** Sell a card entirely from the keyboard, picking the quick amount `quick` (e.g. "NOK 500.00": the English default). */
async function sell(page: Page, cardId: string, quick = 'NOK 500.00') {
  await scan(page, cardId);
  await expect(page.getByTestId('counter-card')).toContainText(cardId);
  await expect(page.getByLabel('Amount (NOK)')).toBeFocused();
  const button = page.getByRole('group', { name: 'Quick amounts' }).getByRole('button', { name: quick });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^Activate / })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toBeVisible();
}

test('a clerk scans a fresh card, picks a quick amount, confirms and gets a receipt; the API shows the card unused with that balance', async ({
  page,
  request,
}) => {
  const cardId = freshId();
  const { token, cards } = await seedCards(request, [cardId]);
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);

  await scan(page, cardId);
  const panel = page.getByTestId('counter-card');
  await expect(panel).toContainText(cardId);
  await expect(panel).toContainText('Gift card');
  await expect(panel).toContainText('Not activated');
  await expect(panel).toContainText(/GC\*+\d{4}/);
  await expect(page.getByLabel('Amount (NOK)')).toBeFocused();
  // Tab from the amount field to the quick amounts: 200, then 500.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'NOK 500.00' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The currency once: "NOK 500.00", not "500,00 kr NOK".
  await expect(page.getByTestId('confirm-amount')).toHaveText(/^NOK\s500\.00$/);
  await expect(page.getByRole('button', { name: /^Activate / })).toBeFocused();
  await page.keyboard.press('Enter');

  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText(cardId);
  await expect(receipt).toContainText(/NOK\s500\.00/);
  await expect(receipt).toContainText('Oslo Downtown');
  await expect(receipt).toContainText('Olav Clerk');
  await expect(receipt).toContainText('NOK');
  await expect(page.getByRole('button', { name: 'Next card' })).toBeFocused();

  const card = await api(request, token, `/cards/${cardId}`);
  expect(card.body).toMatchObject({ card_id: cardId, status: 'unused', currency: 'NOK', amount_balance: 50000, amount_available: 50000 });
  const info = await api(request, token, '/info', { token: cards[0]!.token });
  expect(info.body).toMatchObject({ card_id: cardId, status: 'unused', amount_balance: 50000 });

  // The same card again, by its token: "already activated", saying when and where — and the
  // field no longer holds the token (the card shows masked; a token alone pays).
  await page.keyboard.press('Enter'); // Next card
  await scan(page, cards[0]!.token);
  await expect(page.getByRole('main').getByRole('alert')).toContainText(/Already activated on .+ at Oslo Downtown/);
  await expect(page.getByTestId('counter-card')).toContainText(cardId);
  await expect(page.getByLabel('Scan or type the card')).toHaveValue('');
  await expect(page.getByLabel('Amount (NOK)')).toHaveCount(0);
});

test('a mistyped Luhn check digit is caught; the right number is recognised', async ({ page, request }) => {
  const scheme = { prefix: `L${randomBytes(2).toString('hex').toUpperCase()}-`, start: 1, padWidth: 6, luhn: true };
  const ids = [cardIdAt(scheme, 0), cardIdAt(scheme, 1)];
  await seedCards(request, ids);
  const db = await e2eDb();
  const card = await db.card.findFirstOrThrow({ where: { accountId: ACCOUNT, cardId: ids[1] } });
  const batch = await db.batch.findUniqueOrThrow({ where: { id: card.batchId! } });
  await db.batch.update({ where: { id: batch.id }, data: { spec: { ...(batch.spec as object), scheme, first_card_id: ids[0], last_card_id: ids[1] } } });

  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  const good = ids[1]!;
  const typo = `${good.slice(0, -1)}${(Number(good.at(-1)) + 5) % 10}`;
  await scan(page, typo);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Did you mistype the card number?');
  // The field keeps the text selected, so the next scan replaces it.
  await scan(page, good.toLowerCase().replace('-', ' '));
  await expect(page.getByTestId('counter-card')).toContainText(good);
});

test("another store's clerk sees the activation in no list", async ({ page, browser, request }) => {
  const cardId = freshId();
  await seedCards(request, [cardId]);
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  await sell(page, cardId);
  await page.goto('/store/today');
  const row = page.getByTestId(`today-row-${cardId}`);
  await expect(row).toContainText('NOK 500.00');
  // The time in the account's zone (Europe/Oslo), as on the receipt.
  const db = await e2eDb();
  const sold = await db.card.findFirstOrThrow({ where: { cardId } });
  await expect(row.locator('td').first()).toHaveText(formatTime(sold.activatedAt!, 'Europe/Oslo'));
  // Header cells are spaced apart ("Time", "Card", not "TimeCard"): every cell has side padding.
  const headers = page.getByTestId('today-list').locator('thead th');
  await expect(headers.nth(1)).toHaveText('Card');
  const padding = await headers.evaluateAll((ths) =>
    ths.map((th) => parseFloat(getComputedStyle(th).paddingLeft) + parseFloat(getComputedStyle(th).paddingRight)),
  );
  expect(
    padding.every((p) => p >= 12),
    `th padding: ${padding}`,
  ).toBe(true);

  const bergen = await browser.newPage();
  await signInAndLand(bergen, 'bergen@demo.test', /\/store$/);
  await bergen.goto('/store/today');
  await expect(bergen.getByRole('heading', { name: 'Today at this store' })).toBeVisible();
  await expect(bergen.getByRole('main')).toContainText('Bergen Harbour');
  await expect(bergen.getByRole('main')).not.toContainText(cardId);
  await bergen.close();
});

test('undo within the window works; after a drawdown it is refused with the reason', async ({ page, request }) => {
  const [undone, used] = [freshId(), freshId()];
  const { token, cards } = await seedCards(request, [undone, used]);
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  await sell(page, undone, 'NOK 200.00');
  await page.getByRole('button', { name: 'Next card' }).press('Enter');
  await sell(page, used, 'NOK 1,000.00');

  await page.goto('/store/today');
  // Undo reverses money: it asks first, and "Keep" changes nothing.
  await page.getByRole('button', { name: `Undo ${undone}` }).click();
  const undoneRow = page.getByTestId(`today-row-${undone}`);
  await expect(undoneRow).toContainText(`Reverse NOK 200.00 on ${undone}?`);
  await undoneRow.getByRole('button', { name: 'Keep' }).click();
  await expect(undoneRow.getByRole('button', { name: 'Yes, undo' })).toHaveCount(0);
  expect((await api(request, token, `/cards/${undone}`)).body).toMatchObject({ status: 'unused', amount_balance: 20000 });
  await page.getByRole('button', { name: `Undo ${undone}` }).click();
  await undoneRow.getByRole('button', { name: 'Yes, undo' }).click();
  // It says what happened, after the row has gone.
  await expect(page.getByRole('main').getByRole('status')).toContainText(`Activation of ${undone} undone (NOK 200.00 reversed)`);
  await expect(undoneRow).toHaveCount(0);
  const card = await api(request, token, `/cards/${undone}`);
  expect(card.body).toMatchObject({ status: 'inactive', amount_balance: 0 });

  // A till spends from the other card while the list is open; the undo is then refused.
  const spend = await api(request, token, '/transactions', {
    token: cards[1]!.token,
    ref_id: `till-${randomBytes(3).toString('hex')}`,
    amount: 5000,
    currency: 'NOK',
  });
  expect(spend.status).toBe(200);
  await page.getByRole('button', { name: `Undo ${used}` }).click();
  await page.getByTestId(`today-row-${used}`).getByRole('button', { name: 'Yes, undo' }).click();
  await expect(page.getByTestId(`today-row-${used}`).getByRole('alert')).toContainText('already been used');
  expect((await api(request, token, `/cards/${used}`)).body).toMatchObject({ status: 'active', amount_balance: 95000 });
});

test('a double submit activates once and shows the receipt, not an error', async ({ page, request }) => {
  const cardId = freshId();
  const { token } = await seedCards(request, [cardId]);
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  await scan(page, cardId);
  await page.getByRole('button', { name: 'NOK 200.00' }).click();
  const activate = page.getByRole('button', { name: /^Activate / });
  await expect(activate).toBeFocused();

  // Every activation request reaches the server twice at once, as a resubmitted form would.
  // The answer is held back until the clerk has double-clicked and hit Enter again.
  let duplicated = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/store', async (route) => {
    if (route.request().method() !== 'POST' || !route.request().headers()['next-action']) return route.continue();
    duplicated++;
    const [response] = await Promise.all([route.fetch(), page.request.fetch(route.request())]);
    await gate;
    await route.fulfill({ response });
  });
  await activate.dblclick();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  release();
  await expect(page.getByTestId('receipt')).toContainText(cardId);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  expect(duplicated).toBe(1);

  const transactions = await api(request, token, `/cards/${cardId}/transactions`);
  expect(transactions.body.transactions).toHaveLength(1);
  expect((await api(request, token, `/cards/${cardId}`)).body).toMatchObject({ status: 'unused', amount_balance: 20000 });
});

test('HQ staff choose a store and sell for it', async ({ page, request }) => {
  const cardId = freshId();
  const { token } = await seedCards(request, [cardId]);
  await signInAndLand(page, 'staff@demo.test', /\/hq$/);
  await page.goto('/store');
  await expect(page.getByText('Choose the store you are working for')).toBeVisible();
  await page.getByLabel('Store you are working for').selectOption({ label: 'Bergen Harbour (NOK)' });
  await page.getByRole('button', { name: 'Use this store' }).click();
  await expect(page.getByText('Selling at Bergen Harbour in NOK')).toBeVisible();
  await sell(page, cardId);
  await expect(page.getByTestId('receipt')).toContainText('Bergen Harbour');
  expect((await api(request, token, `/cards/${cardId}`)).body).toMatchObject({ status: 'unused', amount_balance: 50000 });
});

test('balance lookup: a token shows the balance at once, a card id asks for the PIN', async ({ page, request }) => {
  const cardId = freshId();
  const token = await apiToken(request);
  const created = await request.post(`${WALLET}/cards/batch`, { headers: { authorization: `Bearer ${token}` }, data: { cards: [{ card_id: cardId }] } });
  const secrets = (await created.json()).cards[0];
  await request.post(`${WALLET}/cards/${cardId}/activate`, { headers: { authorization: `Bearer ${token}` }, data: { amount: 30000, currency: 'NOK' } });

  await signInAndLand(page, 'bergen@demo.test', /\/store$/);
  await page.goto('/store/balance');
  await page.getByLabel('Scan or type the card').fill(secrets.card_token.token.value);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('balance')).toHaveText(/NOK\s300\.00/);
  // The result shows the token masked; the field no longer holds it.
  await expect(page.getByLabel('Scan or type the card')).toHaveValue('');

  await page.getByLabel('Scan or type the card').fill(cardId);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(/^PIN/)).toBeFocused();
  await page.keyboard.type(secrets.pin.pin.value);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('balance')).toHaveText(/NOK\s300\.00/);
  await expect(page.getByTestId('balance-result')).toContainText('Loaded');
});

test('an emptied expiry date is confirmed as the account default, as the server applies it', async ({ page, request }) => {
  const cardId = freshId();
  await seedCards(request, [cardId]);
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  await scan(page, cardId);
  const expiry = page.getByLabel('Valid through');
  const defaultDate = await expiry.inputValue();
  expect(defaultDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expiry.fill('');
  await page.getByLabel('Amount (NOK)').fill('300');
  await page.getByRole('button', { name: 'Continue' }).click();
  // One date format: the confirmation says it as the receipt does ("1 Dec 2029", not "2029-12-01").
  const validThrough = formatCalendarDate(defaultDate);
  await expect(page.getByText(`Valid through ${validThrough}`)).toBeVisible();
  await page.getByRole('button', { name: /^Activate / }).click();
  await expect(page.getByTestId('receipt')).toContainText(validThrough);
  const db = await e2eDb();
  const card = await db.card.findFirstOrThrow({ where: { cardId } });
  expect(card.expiresAt).not.toBeNull();
});

/** A slow shop laptop: the page's scripts arrive only when `release` is called. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return { release, urls };
}

/** Scan `code` into the autofocused field before any script has run. */
async function scanBeforeScripts(page: Page, code: string) {
  // The field has focus from the HTML's autofocus alone.
  await expect(page.locator('#code')).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

test('a scan before the page has loaded its scripts is looked up once they are in, and the token never lands in the URL', async ({ page, request }) => {
  const cardId = freshId();
  const { cards } = await seedCards(request, [cardId]);
  const token = cards[0]!.token;
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  const scripts = await holdScripts(page);
  await page.goto('/store', { waitUntil: 'domcontentloaded' });
  await scanBeforeScripts(page, token);
  scripts.release();
  await expect(page.getByTestId('counter-card')).toContainText(cardId);
  await expect(page.getByLabel('Amount (NOK)')).toBeFocused();
  expect(scripts.urls.filter((u) => u.includes(token.slice(2)))).toEqual([]);
  expect(page.url()).toMatch(/\/store$/);
});

test('a scan that is half typed when the scripts arrive is looked up whole, once', async ({ page, request }) => {
  const cardId = freshId();
  const { cards } = await seedCards(request, [cardId]);
  const token = cards[0]!.token;
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  const scripts = await holdScripts(page);
  await page.goto('/store', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('#code')).toBeFocused();
  await page.keyboard.type(token.slice(0, 6));
  scripts.release();
  // The scanner goes on while the page hydrates: a few characters every few milliseconds.
  await page.keyboard.type(token.slice(6), { delay: 15 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('counter-card')).toContainText(cardId);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('balance lookup: a scan before the scripts are in shows the balance once they are', async ({ page, request }) => {
  const cardId = freshId();
  const { token: apiAccess, cards } = await seedCards(request, [cardId]);
  await api(request, apiAccess, `/cards/${cardId}/activate`, { amount: 12500, currency: 'NOK' });
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  const scripts = await holdScripts(page);
  await page.goto('/store/balance', { waitUntil: 'domcontentloaded' });
  await scanBeforeScripts(page, cards[0]!.token);
  scripts.release();
  await expect(page.getByTestId('balance')).toHaveText(/NOK\s125\.00/);
  expect(scripts.urls.filter((u) => u.includes(cards[0]!.token.slice(2)))).toEqual([]);
  expect(page.url()).toMatch(/\/store\/balance$/);
});
