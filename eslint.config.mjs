import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ['node_modules/**', '.next/**', 'lib/generated/**', 'data/**', '.test-data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      // lib/env.ts is the only reader of process.env (scripts pass the environment through to children).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through lib/env.ts.' }],
    },
  },
  {
    files: ['lib/env.ts', 'scripts/**', 'e2e/**', 'playwright.config.ts', 'vitest.config.ts', 'prisma.config.ts', '**/*.test.ts', 'lib/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
];

export default config;
