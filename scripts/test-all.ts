// npm test — the whole suite, in order: lint, typecheck, formatting, migrations-vs-schema check, production
// build, then one vitest run of every project (unit, integration on the embedded database AND real
// PostgreSQL, HTTP tests against the production server on PostgreSQL), then Playwright e2e in Chromium
// against the production server. Every step runs even if an earlier one failed — except what needs the
// build (the vitest `api` project and e2e), which is skipped and counted as one failure each — and
// the run ends with one line: `N passed, N failed` (tests plus the checks).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = '.test-reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

let passed = 0;
let failed = 0;
const failures: string[] = [];

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n━━━ ${label} ━━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' } });
  const ok = result.status === 0;
  console.log(`━━━ ${label}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) failures.push(label);
  return ok;
}

function check(label: string, command: string, args: string[]): boolean {
  const ok = run(label, command, args);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

check('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
check('typecheck', 'npx', ['tsc', '--noEmit']);
check('formatting (prettier --check)', 'npx', ['prettier', '--check', '.']);
check('migrations match prisma/schema.prisma', 'npx', ['tsx', 'scripts/migration-create.ts', '--check']);

const buildOk = check('production build', 'npx', ['next', 'build']);

// The `api` project serves the production build, so without one it cannot run.
const projects = buildOk ? [] : ['unit', 'embedded', 'postgres'].flatMap((name) => ['--project', name]);
const vitestOk = run(buildOk ? 'unit, integration (embedded and PostgreSQL) and HTTP tests' : 'unit + integration tests (embedded and PostgreSQL)', 'npx', [
  'vitest',
  'run',
  ...projects,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORTS}/vitest.json`,
]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTests: number }>(`${REPORTS}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A setup failure (e.g. no PostgreSQL) fails the run even when no single test failed.
  if (!vitestOk && vitest.numFailedTests === 0) failed += 1;
} else if (!vitestOk) failed += 1;
if (!buildOk) {
  console.log('Skipping the HTTP tests (vitest project `api`): the build failed.');
  failures.push('HTTP tests (skipped: no build)');
  failed += 1;
}

if (buildOk) {
  const e2eOk = run('end-to-end tests (Chromium, production server)', 'npx', ['playwright', 'test']);
  const pw = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(`${REPORTS}/playwright.json`);
  if (pw) {
    passed += pw.stats.expected + pw.stats.flaky;
    failed += pw.stats.unexpected;
    if (!e2eOk && pw.stats.unexpected === 0) failed += 1;
  } else if (!e2eOk) failed += 1;
} else {
  console.log('Skipping end-to-end tests: the build failed.');
  failed += 1;
}

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
