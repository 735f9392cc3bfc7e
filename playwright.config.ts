import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Real Chromium against the production server (npm run demo) on the embedded database, seeded with the demo data set in
// a throwaway data directory. Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium,
// else Playwright's own browser.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = `.test-data/e2e-${E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: '.test-reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `node -e "require('fs').rmSync('${E2E_DATA_DIR}',{recursive:true,force:true})" && npx tsx scripts/serve.ts --demo`,
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      CARDSTOCK_DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: '',
      AUTH_SECRET: 'e2e-only-secret-e2e-only-secret-e2e-only',
      LOG_LEVEL: 'warn',
    },
  },
});
