/**
 * JavaScript a browser actually downloads for a page: real Chromium signs in, opens the page on a
 * running production server, and every script response (the page's chunks, the framework, the
 * chunks the RSC payload pulls in — not the noModule polyfills modern browsers skip) is summed,
 * raw and gzip-compressed, split into chunks the login page also loads (shared) and the page's own.
 *
 *   npx tsx scripts/measure-route-js.ts --url http://127.0.0.1:3000 [--email oslo@demo.test] [/store /store/balance …]
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const base = arg('url', 'http://127.0.0.1:3000').replace(/\/$/, '');
const email = arg('email', 'oslo@demo.test');
const paths = process.argv.slice(2).filter((a, i, all) => a.startsWith('/') && !all[i - 1]?.startsWith('--'));
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Script URL → raw and gzip size, for everything `load` makes this fresh page download. */
async function scriptsLoadedBy(page: Page, load: () => Promise<unknown>) {
  const seen = new Map<string, { raw: number; gzip: number }>();
  const pending: Promise<void>[] = [];
  const onResponse = (response: import('@playwright/test').Response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        seen.set(new URL(response.url()).pathname, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      }),
    );
  };
  page.on('response', onResponse);
  await load();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  page.off('response', onResponse);
  return seen;
}

const loginContext = await browser.newContext();
const loginPage = await loginContext.newPage();
const shared = await scriptsLoadedBy(loginPage, () => loginPage.goto(`${base}/login`));
await loginPage.getByLabel('Email').fill(email);
await loginPage.getByLabel('Password').fill('cardstock-demo');
await loginPage.getByRole('button', { name: 'Sign in' }).click();
await loginPage.waitForURL((url) => !url.pathname.startsWith('/login'));
const state = await loginContext.storageState();

for (const path of paths.length ? paths : ['/store']) {
  // A fresh context (empty cache) with the session: what a till downloads on a cold start.
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  const scripts = await scriptsLoadedBy(page, () => page.goto(`${base}${path}`));
  const sum = (filter: (src: string) => boolean) =>
    [...scripts].filter(([src]) => filter(src)).reduce((t, [, s]) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
  const total = sum(() => true);
  const own = sum((src) => !shared.has(src));
  console.log(
    `${path.padEnd(16)} ${scripts.size} scripts: ${kb(total.gzip)} gzip (${kb(total.raw)} raw) in all; ${kb(own.gzip)} gzip (${kb(own.raw)} raw) beyond what /login loads`,
  );
  await context.close();
}
await browser.close();
