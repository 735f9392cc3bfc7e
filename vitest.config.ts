import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
const exclude = ['node_modules/**', '.next/**', 'e2e/**', 'lib/generated/**'];

// Three projects: pure unit tests, and the integration tests (*.int.test.ts) twice — once on the
// embedded database and once on a real PostgreSQL server — so both backends stay equivalent.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: [...exclude, '**/*.int.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'embedded',
          include: ['**/*.int.test.ts'],
          exclude,
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
          provide: { dbKind: 'postgres' },
          globalSetup: ['lib/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
