/**
 * The store counter in Norwegian and English (next-intl, messages/*.json): a clerk who chose
 * Norwegian sells a card and sees Norwegian text, amounts and Oslo times; switching to English
 * changes every string; no page shows a missing message. Each test makes its own clerk, so
 * changing the language does not touch the demo users other tests sign in as.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { formatDateTime, formatTime } from '@/lib/time/format';
import { DEMO_PASSWORD, signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

const ACCOUNT = 'T12345678';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree): string[] => Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : flatten(v)));
const catalogue = (locale: string) => JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Tree;
const en = flatten(catalogue('en'));
const nb = flatten(catalogue('nb'));
/** Messages without arguments that differ between the languages: on a page, they tell which language it is in. */
const onlyIn = (mine: string[], other: string[]) => mine.filter((m) => !m.includes('{') && !other.includes(m) && m.length > 3);
const EN_ONLY = onlyIn(en, nb);
const NB_ONLY = onlyIn(nb, en);

async function newClerk(): Promise<string> {
  const db = await e2eDb();
  const store = await db.store.findFirstOrThrow({ where: { accountId: ACCOUNT, name: 'Oslo Downtown' } });
  const email = `i18n-${randomBytes(4).toString('hex')}@demo.test`;
  await db.user.create({
    data: { accountId: ACCOUNT, email, name: 'Nora Nordmann', passwordHash: await hashPassword(DEMO_PASSWORD), role: 'CLERK', storeId: store.id },
  });
  return email;
}

async function chooseLanguage(page: Page, name: 'Norsk bokmål' | 'English') {
  await page.locator('#locale').selectOption({ label: name });
  await page.locator('#locale').locator('xpath=..').getByRole('button').click();
  await expect(page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'nb');
}

/** The page's text has no message key where a translation is missing, and no word of the other language. */
async function expectAllIn(page: Page, locale: 'en' | 'nb', options: { except?: Locator } = {}) {
  const whole = await page.locator('body').innerText();
  const text = options.except ? whole.replace(await options.except.innerText(), '') : whole;
  expect(text, 'a missing message shows its key').not.toMatch(/\b(store|shell)\.[a-zA-Z]+(\.[a-zA-Z]+)*\b/);
  const foreign = (locale === 'en' ? NB_ONLY : EN_ONLY).filter((m) =>
    new RegExp(`(^|[^\\p{L}])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text),
  );
  expect(foreign, `strings of the other language on a ${locale} page`).toEqual([]);
}

test('a clerk with Norwegian selected sells a card in Norwegian, with Norwegian amounts and Oslo times', async ({ page, request }) => {
  const email = await newClerk();
  const cardId = `e2e-${randomBytes(5).toString('hex')}`;
  const token = (
    await (
      await request.post(`/v1/accounts/${ACCOUNT}/auth/token`, {
        headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
        data: { grant_type: 'client_credentials' },
      })
    ).json()
  ).access_token;
  expect(
    (
      await request.post(`/v1/accounts/${ACCOUNT}/wallets/cards/batch`, {
        headers: { authorization: `Bearer ${token}` },
        data: { cards: [{ card_id: cardId, type: 'gift_card' }] },
      })
    ).status(),
  ).toBe(200);

  await signInAndLand(page, email, /\/store$/);
  await chooseLanguage(page, 'Norsk bokmål');
  await expect(page.getByRole('heading', { name: 'Aktiver et kort' })).toBeVisible();
  await page.getByLabel('Skann eller skriv inn kortet').fill(cardId);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('counter-card')).toContainText('Ikke aktivert');
  await expect(page.getByTestId('counter-card')).toContainText('Gavekort');
  await page.getByLabel('Beløp (NOK)').fill('499,50');
  await page.getByRole('button', { name: 'Fortsett' }).click();
  await expect(page.getByTestId('confirm-amount')).toHaveText(/^499,50\s*kr$/);
  await expect(page.getByRole('heading', { name: `Aktivere kort ${cardId}?` })).toBeVisible();
  await expectAllIn(page, 'nb');
  await page.getByRole('button', { name: /^Aktiver 499,50/ }).click();

  // The receipt prints in the store's language (Oslo Downtown has none: the account's default,
  // English), not the clerk's; e2e/i18n-pages.spec.ts prints one for a Norwegian store.
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('Gift card activated');
  await expect(receipt).toContainText(/NOK\s499\.50/);
  const db = await e2eDb();
  const card = await db.card.findFirstOrThrow({ where: { accountId: ACCOUNT, cardId } });
  await expect(receipt).toContainText(formatDateTime(card.activatedAt!, 'Europe/Oslo', 'en-GB'));
  await expect(page.getByText('Aktivert. Kortet er klart til bruk.')).toBeVisible();
  await expectAllIn(page, 'nb', { except: receipt });

  await page.goto('/store/today');
  await expect(page.getByRole('heading', { name: 'I dag i denne butikken' })).toBeVisible();
  const row = page.getByTestId(`today-row-${cardId}`);
  await expect(row.locator('td').first()).toHaveText(formatTime(card.activatedAt!, 'Europe/Oslo', 'nb-NO'));
  await expect(page.getByTestId('today-totals')).toContainText('NOK · 1 kort');
  await row.getByRole('button', { name: `Angre ${cardId}` }).click();
  await expect(row).toContainText(`Tilbakeføre 499,50 kr på ${cardId}?`);
  await row.getByRole('button', { name: 'Ja, angre' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`Aktiveringen av ${cardId} er angret`);
});

test('switching language changes every string on each counter page; none is missing', async ({ page }) => {
  const email = await newClerk();
  await signInAndLand(page, email, /\/store$/);
  for (const path of ['/store', '/store/balance', '/store/today']) {
    await page.goto(path);
    await chooseLanguage(page, 'Norsk bokmål');
    await expectAllIn(page, 'nb');
    await chooseLanguage(page, 'English');
    await expectAllIn(page, 'en');
  }
  // The setting is the user's: it holds on the next sign-in.
  await chooseLanguage(page, 'Norsk bokmål');
  const db = await e2eDb();
  expect((await db.user.findUniqueOrThrow({ where: { email } })).locale).toBe('nb');
});

test("the login page follows the browser's language", async ({ browser }) => {
  for (const [acceptLanguage, lang] of [
    ['nb-NO,nb;q=0.9', 'nb'],
    ['en-GB,en;q=0.9', 'en'],
  ] as const) {
    const context = await browser.newContext({ locale: acceptLanguage.split(',')[0] });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('button', { name: lang === 'nb' ? 'Logg inn' : 'Sign in' })).toBeVisible();
    await context.close();
  }
});
