import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { TEST_SECRETS_KEY } from './lib/testing/test-keys.js';

const alias = { '@': path.resolve(import.meta.dirname) };
const exclude = ['node_modules/**', '.next/**', 'e2e/**', 'lib/generated/**'];
// Domain code that derives keys from the master key works in every test process.
const env = { CARDSTOCK_SECRETS_KEY: TEST_SECRETS_KEY };

// Four projects: pure unit tests; the integration tests (*.int.test.ts) twice — once on the
// embedded database and once on a real PostgreSQL server — so both backends stay equivalent; and
// HTTP tests (*.http.test.ts) against the production server (scripts/next-server.mjs on the production build) on real PostgreSQL.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...exclude, '**/*.int.test.ts', '**/*.http.test.ts'],
          env,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'embedded',
          include: ['**/*.int.test.ts'],
          exclude,
          env,
          provide: { dbKind: 'embedded' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'postgres',
          include: ['**/*.int.test.ts'],
          exclude,
          env,
          provide: { dbKind: 'postgres' },
          globalSetup: ['lib/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'api',
          include: ['**/*.http.test.ts'],
          exclude,
          env,
          // One server and one database for the whole project: files run one after another, and
          // each test creates its own data (unique ids).
          globalSetup: ['lib/testing/http-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
