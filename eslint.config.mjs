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
  // The layers (docs/ARCHITECTURE.md): the domain (lib/<domain>) knows nothing of Next.js, of the
  // pages or of the edge that calls it; shared components know nothing of the pages.
  {
    files: ['lib/**/*.{ts,tsx}'],
    ignores: ['lib/edge/**', 'lib/generated/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*'], message: 'lib/<domain> must not import Next.js: requests come in through lib/edge.' },
            { group: ['next-auth', 'next-auth/*'], message: 'Auth.js is wired in lib/auth/config.ts and read through lib/edge/session.ts only.' },
            { group: ['@/app/*', '**/app/*'], message: 'lib/ must not import from app/.' },
            { group: ['@/lib/edge/*', '**/edge/*'], message: 'lib/<domain> must not import the edge: the edge calls the domain, not the other way round.' },
          ],
        },
      ],
    },
  },
  {
    // The Auth.js wiring itself.
    files: ['lib/auth/config.ts', 'lib/auth/base-config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*'], message: 'lib/<domain> must not import Next.js: requests come in through lib/edge.' },
            { group: ['@/app/*', '**/app/*'], message: 'lib/ must not import from app/.' },
            { group: ['@/lib/edge/*', '**/edge/*'], message: 'lib/<domain> must not import the edge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/app/*', '**/app/*'], message: 'components/ is shared UI: pass actions and data in as props.' }] },
      ],
    },
  },
  {
    // Translated areas: every user-facing string comes from messages/*.json (next-intl), so a new
    // literal in JSX is an error (lib/i18n/no-literals.test.ts proves the rule bites). Props are
    // not checked by the rule: labels passed as props go through t() by review and the e2e walk.
    files: [
      'app/store/**/*.tsx',
      'components/i18n/**/*.tsx',
      'app/hq/**/*.tsx',
      'components/profile/**/*.tsx',
      'components/charts/**/*.tsx',
      'components/shell/**/*.tsx',
      'components/form/**/*.tsx',
    ],
    rules: {
      'react/jsx-no-literals': ['error', { noStrings: true, ignoreProps: true, allowedStrings: ['·', '—', '−', '+', '(', ')'] }],
    },
  },
  {
    files: ['lib/env.ts', 'scripts/**', 'e2e/**', 'playwright.config.ts', 'vitest.config.ts', 'prisma.config.ts', '**/*.test.ts', 'lib/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
];

export default config;
